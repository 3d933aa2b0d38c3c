"""Count what the rules find in a folder of cassettes (default: ../shared/corpus).

    python bench/rule_counts.py [FOLDER]

Prints, per rule, the values found directly and the occurrences removed by propagation;
then how many values the opt-in entropy rule (--entropy) adds, with five examples,
masked (a value is only ever shown as its preview). Reads only; writes nothing."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from cassette_cli import api
from cassette_cli.errors import CassetteError
from cassette_cli.inputs import expand


def count(folder: str) -> dict[str, object]:
    direct: Counter[str] = Counter()
    spread: Counter[str] = Counter()
    entropy: list[tuple[str, object]] = []
    files = 0
    plain, noisy = api.policy(), api.policy({"entropy": True})
    for item in expand([folder]):
        if isinstance(item, CassetteError):
            continue
        try:
            cassette = api.load_bytes(Path(item.path).read_bytes(), item.path)
        except CassetteError:
            continue
        files += 1
        for report in api.plan_redaction(cassette, plain, rewrite=False).reports:
            (direct if report.propagated_from is None else spread)[report.rule] += 1
        for report in api.plan_redaction(cassette, noisy, rewrite=False).reports:
            if report.rule == "high-entropy" and report.propagated_from is None:
                entropy.append((item.path, report))
    return {"files": files, "direct": direct, "propagated": spread, "entropy": entropy}


def main(argv: list[str]) -> int:
    here = Path(__file__).resolve().parent.parent
    folder = argv[0] if argv else str(here.parent / "shared" / "corpus")
    if not Path(folder).is_dir():
        print(f"no folder {folder}", file=sys.stderr)
        return 2
    result = count(folder)
    direct, spread = result["direct"], result["propagated"]
    assert isinstance(direct, Counter) and isinstance(spread, Counter)
    print(f"{result['files']} cassettes in {folder}")
    print(f"{'rule':<24} {'found':>6} {'propagated':>10}")
    for rule in sorted(set(direct) | set(spread), key=lambda r: (-direct[r], r)):
        print(f"{rule:<24} {direct[rule]:>6} {spread[rule]:>10}")
    print(f"{'total':<24} {sum(direct.values()):>6} {sum(spread.values()):>10}")
    entropy = result["entropy"]
    assert isinstance(entropy, list)
    print(f"\n--entropy adds {len(entropy)} values in {len({p for p, _ in entropy})} files; examples (masked):")
    for path, report in entropy[:: max(1, len(entropy) // 5)][:5]:
        print(f"  {Path(path).name}:{report.line}: {report.location}: {report.detail} ({report.preview})")  # type: ignore[attr-defined]
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
