#!/bin/bash
# Submits the shards as one job array and the merge after them.
#   deploy/slurm/submit.sh SHARDS CORPUS_FOLDER OUTPUT_FOLDER [PIPELINE.yaml]
set -euo pipefail
shards=${1:?usage: submit.sh SHARDS CORPUS_FOLDER OUTPUT_FOLDER [PIPELINE.yaml]}
here=$(cd "$(dirname "$0")" && pwd)
array=$(sbatch --parsable --array=1-"$shards" "$here/cotejo-shard.sbatch" "${@:2}")
sbatch --dependency=afterok:"${array%%;*}" "$here/cotejo-merge.sbatch" "$3"
