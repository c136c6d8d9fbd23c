package upload

import (
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxNameRunes is the most characters of a file's name kept for display.
const maxNameRunes = 100

// DisplayName is the name a browser sent with a file, made safe to show:
// its last path element (either slash), with no control, bidirectional
// override or other invisible formatting character (which can make
// "invoice‮fdp.exe" read as "invoice‮exe.pdf"), invalid UTF-8 dropped,
// at most maxNameRunes characters. Names are only ever shown, never used
// as a path: uploads are stored under random tokens.
func DisplayName(name string) string {
	name = strings.ToValidUTF8(name, "")
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, name)
	if utf8.RuneCountInString(name) > maxNameRunes {
		name = string([]rune(name)[:maxNameRunes])
	}
	name = strings.TrimSpace(name)
	if name == "" || name == "." || name == ".." || name == "/" {
		return "file"
	}
	return name
}
