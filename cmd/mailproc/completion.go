package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
)

// runCompletion is `mailproc completion bash`: a bash completion script
// made from commands().
func runCompletion(_ context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 || args[0] != "bash" {
		fmt.Fprintln(stderr, usageLine("completion"))
		return 2
	}
	writeBashCompletion(stdout)
	return 0
}

// bashHead starts the completion function: the command word, then the
// value of a flag that takes a file or folder.
const bashHead = `# bash completion for mailproc, made by ` + "`mailproc completion bash`" + `
_mailproc() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local cmd=${COMP_WORDS[1]} verb=${COMP_WORDS[2]} verbs="" words=""
    COMPREPLY=()
    if ((COMP_CWORD == 1)); then
        COMPREPLY=($(compgen -W "%s" -- "$cur"))
        return
    fi
    case $prev in
    %s) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    esac
`

// bashTail offers flags for a word starting with "-", else the verbs in
// the verb's place, else file names.
const bashTail = `    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$words" -- "$cur"))
    elif [[ -n $verbs ]]; then
        COMPREPLY=($(compgen -W "$verbs" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -F _mailproc mailproc
`

// writeBashCompletion writes the script: command names, each command's
// verbs in the verb's place, and its flags.
func writeBashCompletion(w io.Writer) {
	var names []string
	seen := map[string]bool{}
	for _, c := range commands() {
		if !seen[c.name] {
			seen[c.name] = true
			names = append(names, c.name)
		}
	}
	fmt.Fprintf(w, bashHead, strings.Join(names, " "), strings.Join(fileFlags(), "|"))
	fmt.Fprintln(w, "    if ((COMP_CWORD == 2)); then\n        case $cmd in")
	for _, name := range names {
		verbs, flags := verbPlace(name)
		fmt.Fprintf(w, "        %s) verbs=%q words=%q ;;\n", name, strings.Join(verbs, " "), strings.Join(flags, " "))
	}
	fmt.Fprintln(w, "        esac\n    else\n        case \"$cmd $verb\" in")
	for _, withVerbs := range []bool{true, false} {
		for _, c := range commands() {
			if (c.verbs != "") == withVerbs {
				fmt.Fprintf(w, "        %s) words=%q ;;\n", bashPattern(c), strings.Join(flagWords(c), " "))
			}
		}
	}
	fmt.Fprintln(w, "        esac\n    fi")
	io.WriteString(w, bashTail)
}

// verbPlace is what may come right after a command's name: its verbs, and
// the flags of its form without a verb.
func verbPlace(name string) (verbs, flags []string) {
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		if c.verbs != "" {
			verbs = append(verbs, strings.Split(c.verbs, "|")...)
		} else {
			flags = flagWords(c)
		}
	}
	return verbs, flags
}

// bashPattern matches "$cmd $verb" for a command: its verbs, or any word
// for a command without verbs (written after those with verbs, so that
// "cases add" is matched before "cases").
func bashPattern(c command) string {
	if c.verbs == "" {
		return fmt.Sprintf("%q*", c.name+" ")
	}
	var alts []string
	for _, v := range strings.Split(c.verbs, "|") {
		alts = append(alts, fmt.Sprintf("%q", c.name+" "+v))
	}
	return strings.Join(alts, "|")
}

func flagWords(c command) []string {
	var words []string
	c.flagSet().VisitAll(func(f *flag.Flag) { words = append(words, "--"+f.Name) })
	return words
}

// fileFlags are the flags whose value is a file or folder ("FILE" or
// "DIR" in their usage).
func fileFlags() []string {
	var names []string
	seen := map[string]bool{}
	for _, c := range commands() {
		c.flagSet().VisitAll(func(f *flag.Flag) {
			name, _ := flag.UnquoteUsage(f)
			if (name == "FILE" || name == "DIR") && !seen[f.Name] {
				seen[f.Name] = true
				names = append(names, "--"+f.Name)
			}
		})
	}
	return names
}
