#!/usr/bin/env bash
# Builds the mutant binary (the engine with its seeded defects compiled in, -DTMINUS_SEEDED_DEFECTS)
# in its own scratch path and runs `tminus sim mutants` with the given arguments.
# A normal build never contains the defects; see docs/seeded-defects.md.
#
# Usage: scripts/mutants.sh [--seeds N] [--defect NAME]
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="${TMINUS_MUTANTS_SCRATCH:-.build-mutants}"
swift build --scratch-path "$scratch" -Xswiftc -DTMINUS_SEEDED_DEFECTS --product tminus
exec "$scratch/debug/tminus" sim mutants "$@"
