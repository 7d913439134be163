# bash completion for nnlab's runner (installed as
# /usr/share/bash-completion/completions/runner; or: source this file).
# The candidates come from the runner itself, `runner complete WORD ...`, which reads its
# command table, the plugins it finds and the experiment being typed, so the completion
# offers what the runner accepts. Its directives (:files yaml, :files h5, :files csv, :files,
# :dirs, :nospace) are turned into file completion here.
_nnlab_runner() {
  local line=${COMP_LINE:0:COMP_POINT}
  local -a words
  read -ra words <<<"$line"
  [[ $line =~ [[:space:]]$ ]] && words+=("")
  ((${#words[@]} >= 2)) || return 0
  local cur=${words[-1]} runner=${words[0]/#\~/$HOME}
  local answer
  answer=$("$runner" complete "${words[@]:1}" 2>/dev/null) || return 0

  local -a candidates=()
  local files='' dirs='' nospace='' entry
  while IFS= read -r entry; do
    case $entry in
    ':files '*) files=${entry#:files } ;;
    ':files') files='*' ;;
    ':dirs') dirs=1 ;;
    ':nospace') nospace=1 ;;
    '') ;;
    *) candidates+=("$entry") ;;
    esac
  done <<<"$answer"

  # bash splits the word being completed at '=' and ':' (COMP_WORDBREAKS): replace only the
  # part after the last of them.
  local head=''
  [[ $cur == *[=:]* && $COMP_WORDBREAKS == *[=:]* ]] && head=${cur%"${cur##*[=:]}"}
  COMPREPLY=()
  for entry in "${candidates[@]}"; do
    COMPREPLY+=("${entry#"$head"}")
  done
  if [[ -n $files || -n $dirs ]]; then
    local path=${cur#"$head"}
    compopt -o filenames 2>/dev/null
    local -a found=()
    mapfile -t found < <(compgen -d -- "$path")
    COMPREPLY+=("${found[@]}")
    if [[ -n $files ]]; then
      mapfile -t found < <(compgen -f -- "$path")
      for entry in "${found[@]}"; do
        [[ -d $entry ]] && continue
        case $files in
        yaml) [[ $entry == *.yaml || $entry == *.yml ]] || continue ;;
        h5) [[ $entry == *.h5 ]] || continue ;;
        csv) [[ $entry == *.csv ]] || continue ;;
        esac
        COMPREPLY+=("$entry")
      done
    fi
  fi
  [[ -n $nospace ]] && compopt -o nospace 2>/dev/null
  return 0
}
complete -F _nnlab_runner runner
