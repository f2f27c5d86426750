# bash completion for mailproc, made by `mailproc completion bash`
_mailproc() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local cmd=${COMP_WORDS[1]} verb=${COMP_WORDS[2]} verbs="" words=""
    COMPREPLY=()
    if ((COMP_CWORD == 1)); then
        COMPREPLY=($(compgen -W "run check demo config oauth review cases report backup export passwd version help completion" -- "$cur"))
        return
    fi
    case $prev in
    --config|--out|--scan) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    esac
    if ((COMP_CWORD == 2)); then
        case $cmd in
        run) verbs="" words="--config --once" ;;
        check) verbs="" words="--config --json" ;;
        demo) verbs="" words="" ;;
        config) verbs="check" words="" ;;
        oauth) verbs="login" words="" ;;
        review) verbs="list search show advise preview approve dismiss reclassify done reopen close bulk attachment print posted" words="" ;;
        cases) verbs="add" words="--config --json --kind --overdue --reason --state" ;;
        report) verbs="" words="--config --format --month --out" ;;
        backup) verbs="" words="--config" ;;
        export) verbs="" words="--config --email" ;;
        passwd) verbs="" words="" ;;
        version) verbs="" words="" ;;
        help) verbs="" words="--man" ;;
        completion) verbs="bash" words="" ;;
        esac
    else
        case "$cmd $verb" in
        "config check") words="--config --connect" ;;
        "oauth login") words="--config --listen" ;;
        "review list") words="--config --json --kind --overdue --reason --state" ;;
        "review search") words="--config --json --page --view" ;;
        "review show") words="--config --json" ;;
        "review advise") words="--config" ;;
        "review preview") words="--city --config --message --name --outcome --reason --state-code --street --template --zip" ;;
        "review approve") words="--as --city --config --json --message --name --note --outcome --reason --state-code --street --template --zip" ;;
        "review dismiss") words="--as --config --json --reason" ;;
        "review reclassify") words="--as --config --json --kind --note" ;;
        "review done") words="--as --config --json --message --note" ;;
        "review reopen") words="--as --config --json --reason" ;;
        "review close") words="--as --config --json --note --outcome --reason" ;;
        "review bulk") words="--as --config --dry-run --json --note --reason" ;;
        "review attachment") words="--config --message-number --out --part" ;;
        "review print") words="--config --out --reply" ;;
        "review posted") words="--as --config --date --json --note" ;;
        "cases add") words="--as --channel --child --child-email --child-username --city --config --first-line --json --kind --name --note --parent --received --return-city --return-name --return-state --return-street --return-zip --scan --state --street --zip" ;;
        "completion bash") words="" ;;
        "run "*) words="--config --once" ;;
        "check "*) words="--config --json" ;;
        "demo "*) words="" ;;
        "cases "*) words="--config --json --kind --overdue --reason --state" ;;
        "report "*) words="--config --format --month --out" ;;
        "backup "*) words="--config" ;;
        "export "*) words="--config --email" ;;
        "passwd "*) words="" ;;
        "version "*) words="" ;;
        "help "*) words="--man" ;;
        esac
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
    elif [[ -n $verbs ]]; then
        COMPREPLY=($(compgen -W "$verbs" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -F _mailproc mailproc
