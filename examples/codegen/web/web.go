// Package web embeds banner.txt, which an action makes from assets/.
package web

import _ "embed"

//go:embed banner.txt
var Banner string
