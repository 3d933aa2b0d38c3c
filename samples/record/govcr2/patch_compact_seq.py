#!/usr/bin/env python3
"""Add Encoder.CompactSeqIndent() to a private copy of gopkg.in/yaml.v3 3.0.1.

Debian's yaml.v3 (3.0.1) predates CompactSeqIndent, which charm.land/x/vcr
uses (via go.yaml.in/yaml). This applies the same small emitter change:
when a block sequence starts in a mapping context, '- ' counts as part of the
indentation (indent -= 2). Usage: patch_compact_seq.py DIR_OF_YAML_V3_COPY
"""
import os
import sys

d = sys.argv[1]


def edit(name, old, new):
    p = os.path.join(d, name)
    s = open(p).read()
    if new in s:
        return
    if s.count(old) != 1:
        sys.exit("patch_compact_seq: cannot find anchor in %s: %r" % (name, old))
    open(p, "w").write(s.replace(old, new))


edit("yamlh.go",
     "\tmapping_context    bool // Is it a mapping context?\n",
     "\tmapping_context    bool // Is it a mapping context?\n\tcompact_sequence_indent bool // Is '- ' part of the indentation?\n")
edit("emitterc.go",
     "func yaml_emitter_increase_indent(emitter *yaml_emitter_t, flow, indentless bool) bool {\n",
     "func yaml_emitter_increase_indent(emitter *yaml_emitter_t, flow, indentless bool) bool {\n"
     "\treturn yaml_emitter_increase_indent_compact(emitter, flow, indentless, false)\n}\n\n"
     "func yaml_emitter_increase_indent_compact(emitter *yaml_emitter_t, flow, indentless bool, compact_seq bool) bool {\n")
edit("emitterc.go",
     "\t\t\temitter.indent = emitter.best_indent*((emitter.indent+emitter.best_indent)/emitter.best_indent)\n",
     "\t\t\temitter.indent = emitter.best_indent*((emitter.indent+emitter.best_indent)/emitter.best_indent)\n"
     "\t\t\tif compact_seq {\n\t\t\t\temitter.indent = emitter.indent - 2\n\t\t\t}\n")
edit("emitterc.go",
     "func yaml_emitter_emit_block_sequence_item(emitter *yaml_emitter_t, event *yaml_event_t, first bool) bool {\n"
     "\tif first {\n\t\tif !yaml_emitter_increase_indent(emitter, false, false) {\n",
     "func yaml_emitter_emit_block_sequence_item(emitter *yaml_emitter_t, event *yaml_event_t, first bool) bool {\n"
     "\tif first {\n\t\tseq := emitter.mapping_context && (emitter.column == 0 || !emitter.indention) &&\n"
     "\t\t\temitter.compact_sequence_indent\n"
     "\t\tif !yaml_emitter_increase_indent_compact(emitter, false, false, seq) {\n")
edit("yaml.go",
     "// Close closes the encoder by writing any remaining data.\n",
     "// CompactSeqIndent makes it so that '- ' is considered part of the indentation.\n"
     "func (e *Encoder) CompactSeqIndent() {\n\te.encoder.emitter.compact_sequence_indent = true\n}\n\n"
     "// Close closes the encoder by writing any remaining data.\n")
print("patched", d)
