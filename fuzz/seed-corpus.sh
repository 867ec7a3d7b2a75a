#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from files committed in the repository: the
# example workspace (agendas/), the malformed fixtures of the tests, the
# ballot files, every committed fuzz finding (tests/fixtures/fuzz/), and a
# journal recorded by the plenary binary itself on a copy of the example.
# The corpus is generated, never committed (fuzz/.gitignore); running this
# again adds to it and never removes what the fuzzer found.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=fuzz/corpus
mkdir -p "$corpus"/{charter,agenda,ballots,journal}

# `cp` under a name made of the fixture folder and the file name, so that
# the 30 fixtures called charter.toml do not overwrite each other.
seed() { # TARGET FILE...
    local target=$1
    shift
    for file in "$@"; do
        [ -f "$file" ] || continue
        local name
        name=$(echo "$file" | tr '/' '_')
        cp "$file" "$corpus/$target/$name"
    done
}

seed charter agendas/*/charter.toml tests/fixtures/malformed/*/charter.toml
shopt -s extglob
seed agenda agendas/gcra/!(charter).toml tests/fixtures/malformed/*/!(charter).toml
seed ballots agendas/ballots/*.toml
for target in charter agenda ballots journal; do
    seed "$target" tests/fixtures/fuzz/"$target"/!(README.md)
done

# A journal: one scripted meeting through `plenary record`, each event its
# own process as a secretary would record them, on a private copy.
cargo build --quiet --bin plenary
plenary=target/debug/plenary
ws=$(mktemp -d)
trap 'rm -rf "$ws"' EXIT
cp agendas/gcra/*.toml "$ws"/
record() { PLENARY_NOW=2027-03-10T14:00:00Z "$plenary" record --by secretary "$ws" 2027-03-steering "$@" >/dev/null; }
record present eth ceps uct iisc , proxy unsw eth
record open minutes , motion minutes Approve the February minutes
record vote minutes eth=yes ceps=yes uct=yes iisc=abstain unsw=no
record change minutes unsw yes , close minutes
record open budget-2027 , motion budget-2027 Adopt the 2027 budget , recuse budget-2027 ceps
record vote budget-2027 eth=yes uct=no iisc=yes unsw=yes , note budget-2027 The auditors asked for a reserve
record action uct 2027-04-01 Circulate the revised budget , close budget-2027
record open priorities-2027
record ballot priorities-2027 eth climate-adaptation public-health ocean-systems
record ballot priorities-2027 uct public-health climate-adaptation , ballot priorities-2027 iisc food-security
record close priorities-2027 , absent iisc , note Closing remarks , close-meeting
cp "$ws"/records/2027-03-steering.jsonl "$corpus"/journal/recorded-2027-03-steering.jsonl
# Its prefixes too: a meeting stopped at any point is a journal as well.
lines=$(wc -l <"$ws"/records/2027-03-steering.jsonl)
for n in 1 5 12 $((lines / 2)); do
    head -n "$n" "$ws"/records/2027-03-steering.jsonl >"$corpus/journal/recorded-first-$n.jsonl"
done

for target in charter agenda ballots journal; do
    echo "fuzz corpus $target: $(find "$corpus/$target" -type f | wc -l) inputs"
done
