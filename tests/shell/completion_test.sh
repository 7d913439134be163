#!/usr/bin/env bash
# completion_test.sh RUNNER_DIR SOURCE_DIR WORK [ZSH]
# Sources framework/runner/shell/runner.bash in bash and completes a table of partial command
# lines as bash would (COMP_LINE, COMP_POINT, COMP_WORDS), checking COMPREPLY: `=` lists every
# word expected, `+` words that must be among them, `-` words that must not. Then the zsh
# script with compadd and _files stubbed. Prints the table; exit 1 if a row fails.
set -uo pipefail
runner_dir=$1 source_dir=$2 work=$3 zsh=${4:-}
export PATH="$runner_dir:$PATH" NNLAB_PLUGIN_PATH=
rm -rf "$work" && mkdir -p "$work/sub" && cd "$work" || exit 1
touch a.yaml b.yml notes.txt store.h5 data.csv
cp "$source_dir/experiments/momentum.yaml" m.yaml
# shellcheck source=/dev/null
source "$source_dir/framework/runner/shell/runner.bash"

complete_line() {
  COMP_LINE=$1 COMP_POINT=${#1}
  # bash splits words at COMP_WORDBREAKS (= and : among them); the script reassembles them.
  read -ra COMP_WORDS <<<"$1"
  [[ $1 =~ [[:space:]]$ ]] && COMP_WORDS+=("")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _nnlab_runner
  printf '%s\n' "${COMPREPLY[@]}" | sort -u | tr '\n' ' ' | sed 's/ $//'
}

failed=0 rows=0
row() { # row 'LINE' '= a b' | '+ a b' ['- c d']
  local line=$1 got verdict=PASS w
  got=$(complete_line "$line")
  shift
  for rule in "$@"; do
    local op=${rule:0:1} words=${rule:2}
    case $op in
    =) [[ "$got" == "$(tr -s ' ' '\n' <<<"$words" | sed '/^$/d' | sort -u | tr '\n' ' ' | sed 's/ $//')" ]] || verdict=FAIL ;;
    +) for w in $words; do [[ " $got " == *" $w "* ]] || verdict=FAIL; done ;;
    -) for w in $words; do [[ " $got " == *" $w "* ]] && verdict=FAIL; done ;;
    esac
  done
  rows=$((rows + 1))
  [ $verdict = PASS ] || failed=$((failed + 1))
  printf '%-4s %-46s -> %s\n' "$verdict" "'$line'" "${got:0:110}"
  [ $verdict = PASS ] || printf '       expected: %s\n' "$*"
}

kinds=$(runner complete plot x.h5 --kind '' | tr '\n' ' ')
echo "bash completion (runner.bash), each partial line -> COMPREPLY"
row 'runner ' '+ validate plot compare list check-plugin new diff verify help export-data a.yaml b.yml m.yaml sub' '- notes.txt store.h5 complete man'
row 'runner va' '= validate'
row 'runner validate ' '= a.yaml b.yml m.yaml sub'
row 'runner plot ' '= store.h5 sub'
row 'runner plot --k' '= --kind'
row 'runner plot store.h5 --kind ' "= $kinds" '+ cost convergence decision'
row 'runner plot store.h5 --kind=co' '+ cost convergence' '- decision'
row 'runner plot store.h5 --format ' '= png svg pdf'
row 'runner plot store.h5 --metric cost' '= cost_train cost_test cost_valid'
row 'runner compare store.h5 ' '= store.h5 sub'
row 'runner diff st' '= store.h5'
row 'runner list ' '+ momentum sgd adam csv xor binary_cross_entropy'
row 'runner check-plugin ada' '= adagrad adam adamw'
row 'runner new ' '= dataset loss optimizer'
row 'runner help ' '+ plot compare validate' '- complete man'
row 'runner validate --' '= --json --plugin-path --max-memory --help'
row 'runner m.yaml --j' '= --jobs'
row 'runner m.yaml --out ' '= sub'
row 'runner m.yaml optimizer.le' '= optimizer.learning_rate='
row 'runner m.yaml optimizer.mom' '= optimizer.momentum='
row 'runner m.yaml optimizer.plugin=ne' '= nesterov'
row 'runner m.yaml dataset.' '+ dataset.plugin= dataset.train= dataset.test= dataset.label=' '- dataset.momentum='
row 'runner validate m.yaml training.it' '= training.iterations='
row 'runner m.yaml model.hidden_activation=' '+ tanh relu sigmoid' '- softmax'
row 'runner m.yaml training.lr_schedule.kind=' '+ constant step exponential invscaling adaptive'
row 'runner m.yaml sweep.' '+ sweep.mode= sweep.optimizer= sweep.optimizer.learning_rate='
row 'runner m.yaml sweep.mode=' '= grid zip random'
row 'runner export-data ' '= a.yaml b.yml m.yaml sub'
row 'runner predict store.h5:1 ' '= data.csv sub'
row 'runner export store.h5:1 --format ' '= c json onnx'
row 'runner export store.h5:1 --format=' '= c json onnx'
row 'runner plot store.h5 --format=' '= png svg pdf'

# The core keys completion offers are the keys the runner accepts: for each block, the
# "known:" list of the error an unknown key gets equals the completion's keys of that block.
echo "override keys against the runner's schema (the known: list of an unknown key's error)"
schema_row() { # schema_row BLOCK 'OVERRIDE' ['OVERRIDE' ...]
  local block=$1 verdict=PASS known offered
  shift
  known=$(runner validate m.yaml "$@" 2>&1 | sed -n 's/.* known: //p' | tr -d ',' | tr ' ' '\n' |
    sed '/^$/d' | sort -u | tr '\n' ' ')
  offered=$(runner complete m.yaml "${block:+$block.}" | sed -n 's/=$//p' | sed "s/^${block:+$block.}//" |
    cut -d. -f1 | sort -u | tr '\n' ' ')
  [ -n "$known" ] && [ "$known" = "$offered" ] || verdict=FAIL
  rows=$((rows + 1))
  [ $verdict = PASS ] || failed=$((failed + 1))
  printf '%-4s %-46s -> %s\n' "$verdict" "${block:-(top level)}" "$known"
  [ $verdict = PASS ] || printf '       completion offers: %s\n' "$offered"
}
schema_row '' zzz=1
schema_row training training.zzz=1
schema_row model model.zzz=1
schema_row training.early_stopping 'training.early_stopping={patience: 5, zzz: 1}'
init_keys=''
for kind in uniform normal file; do
  init_keys+=$(runner validate m.yaml "model.init={kind: $kind, path: w.h5, zzz: 1}" 2>&1 |
    sed -n 's/.* known: //p')', '
done
schedule_keys=''
for kind in step exponential invscaling adaptive; do
  schedule_keys+=$(runner validate m.yaml "training.lr_schedule={kind: $kind, zzz: 1}" 2>&1 |
    sed -n 's/.* known: //p')', '
done
for pair in "model.init|$init_keys" "training.lr_schedule|$schedule_keys"; do
  block=${pair%%|*} keys=${pair#*|}
  known=$(tr -d ',' <<<"$keys" | tr ' ' '\n' | sed '/^$/d' | sort -u | tr '\n' ' ')
  offered=$(runner complete m.yaml "$block." | sed -n 's/=$//p' | sed "s/^$block.//" | sort -u | tr '\n' ' ')
  verdict=PASS
  [ -n "$known" ] && [ "$known" = "$offered" ] || verdict=FAIL
  rows=$((rows + 1))
  [ $verdict = PASS ] || failed=$((failed + 1))
  printf '%-4s %-46s -> %s\n' "$verdict" "$block (every kind)" "$known"
  [ $verdict = PASS ] || printf '       completion offers: %s\n' "$offered"
done

if [ -n "$zsh" ]; then
  echo "zsh completion (_runner), compadd and _files stubbed"
  zrow() { # zrow 'word word ...' expected-output-line...
    local line=$1 got verdict=PASS
    shift
    got=$("$zsh" -f -c '
      compadd() { print -r -- "compadd $*"; }
      _files() { print -r -- "_files $*"; }
      words=(${(z)1}); [[ $1 == *" " ]] && words+=("")
      CURRENT=${#words}
      source $2' zsh "$line" "$source_dir/framework/runner/shell/_runner" 2>&1)
    for want in "$@"; do [[ $'\n'"$got"$'\n' == *$'\n'"$want"$'\n'* ]] || verdict=FAIL; done
    rows=$((rows + 1))
    [ $verdict = PASS ] || failed=$((failed + 1))
    printf '%-4s %-46s -> %s\n' "$verdict" "'$line'" "$(tr '\n' '|' <<<"$got")"
  }
  zrow 'runner plot store.h5 --format ' 'compadd -Q -- png svg pdf'
  zrow 'runner plot ' '_files -g *.h5'
  zrow 'runner export store.h5:1 --format ' 'compadd -Q -- c json onnx'
  zrow 'runner predict store.h5:1 ' '_files -g *.csv'
  zrow 'runner m.yaml optimizer.le' 'compadd -Q -S  -- optimizer.learning_rate='
fi
echo "$((rows - failed)) passed, $failed failed"
[ $failed -eq 0 ]
