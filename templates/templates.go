// Package templates holds mailproc's default reply templates.
//
// For each reply NAME there are three files: NAME.subject.tmpl and
// NAME.txt.tmpl (text/template) and NAME.html.tmpl (html/template). They are
// embedded in the binary; package reply loads them and lets a configured
// folder override any of them.
package templates

import "embed"

// FS holds the default templates, one file per part of each reply.
//
//go:embed *.tmpl
var FS embed.FS
