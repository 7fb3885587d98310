#!/usr/bin/env python3
"""Prints a Markdown table of the Stryker reports under a folder: score and mutant counts per project.

The score is Stryker's: (killed + timeout) / (killed + timeout + survived + no coverage). Compile errors and
ignored mutants are shown but do not count."""
import json
import pathlib
import sys

STATUSES = ["Killed", "Timeout", "Survived", "NoCoverage", "CompileError", "Ignored"]


def counts(report):
    tally = dict.fromkeys(STATUSES, 0)
    for file in report["files"].values():
        for mutant in file["mutants"]:
            tally[mutant["status"]] = tally.get(mutant["status"], 0) + 1
    return tally


def main(folder):
    rows = []
    for path in sorted(pathlib.Path(folder).glob("*/reports/mutation-report.json")):
        tally = counts(json.loads(path.read_text()))
        detected = tally["Killed"] + tally["Timeout"]
        valid = detected + tally["Survived"] + tally["NoCoverage"]
        score = f"{100 * detected / valid:.1f} %" if valid else "n/a"
        rows.append((path.parent.parent.name, score, tally))
    print("| project | score | killed | timeout | survived | no coverage | compile error | ignored |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, score, t in rows:
        print(f"| {name} | {score} | {t['Killed']} | {t['Timeout']} | {t['Survived']} | {t['NoCoverage']} "
              f"| {t['CompileError']} | {t['Ignored']} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "artifacts/mutation")
