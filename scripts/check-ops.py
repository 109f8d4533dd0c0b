#!/usr/bin/env python3
"""Checks every nn op against the dialect's documentation and test rules.

Reads the op reference that mlir-tblgen generates from ODS (build/ir/NNOps.md)
and fails unless each op has a summary, a custom assembly format, a
description with an ```mlir example, and a round-trip case in
test/ir/ops.mlir. Prints one line per problem and a count.

Usage: check-ops.py NNOps.md test/ir/ops.mlir
"""
import re
import sys


def main(doc_path, ops_test_path):
    doc = open(doc_path, encoding="utf-8").read()
    ops_test = open(ops_test_path, encoding="utf-8").read()
    sections = re.split(r"^### ", doc, flags=re.M)[1:]
    problems = []
    for section in sections:
        name = re.match(r"`([a-z_.]+)`", section).group(1)
        if not re.search(r"^_.+_$", section, flags=re.M):
            problems.append(f"{name}: no summary")
        if "Syntax:" not in section:
            problems.append(f"{name}: no assemblyFormat")
        if "```mlir" not in section:
            problems.append(f"{name}: description has no ```mlir example")
        if not re.search(r"\b" + re.escape(name) + r"\b", ops_test):
            problems.append(f"{name}: not round-tripped in {ops_test_path}")
    for p in problems:
        print("error: " + p)
    print(f"{len(sections)} ops checked, {len(problems)} problems")
    return 1 if problems or not sections else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
