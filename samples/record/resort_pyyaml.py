#!/usr/bin/env python3
"""Make samples/go-vcr-v2/pyyaml_resorted.yaml: a go-vcr format-2 cassette
loaded and re-dumped by PyYAML (keys sorted, `version: 2` last, no `---`), as
happens when a Python script post-processes a go-vcr cassette.

    /tmp/vcrpy-venv/bin/python samples/record/resort_pyyaml.py
"""
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.dirname(HERE)
if not getattr(yaml, "__with_libyaml__", False):
    sys.exit("needs PyYAML built with libyaml (CDumper)")
src = os.path.join(SAMPLES, "go-vcr-v2", "openrouter_streaming.yaml")
with open(src) as f:
    data = yaml.load(f, Loader=yaml.CSafeLoader)
with open(os.path.join(SAMPLES, "go-vcr-v2", "pyyaml_resorted.yaml"), "w") as f:
    yaml.dump(data, f, Dumper=yaml.CDumper, sort_keys=True)
print("PyYAML", yaml.__version__)
