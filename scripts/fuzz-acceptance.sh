#!/usr/bin/env bash
# The fuzzer's acceptance test: builds the package with the seeded defects compiled in
# (-DTMINUS_SEEDED_DEFECTS, in its own scratch path) and runs SeededDefectFuzzTests: a fuzz run
# finds a seeded defect and shrinks it to a scenario of at most 10 steps that still fails; and
# `tminus sim mutants` kills every seeded defect (SeededDefectFuzzTests.simMutantsKillsEverySeededDefect).
# A normal build never contains the defects; see docs/seeded-defects.md and docs/scenarios.md.
#
# Usage: scripts/fuzz-acceptance.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${TMINUS_MUTANTS_SCRATCH:-.build-mutants}"
exec swift test --scratch-path "$scratch" -Xswiftc -DTMINUS_SEEDED_DEFECTS --filter SeededDefectFuzzTests
