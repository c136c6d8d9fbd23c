package i18n

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// keyUse matches a literal key given to T: i18n.T(ctx, "inbox.title"),
// l.T("inbox.title"), T(ctx, "inbox.title", ...).
var keyUse = regexp.MustCompile(`\bT\((?:[A-Za-z_.()]+, )?"([a-z0-9_]+(?:\.[a-z0-9_]+)+)"\s*[,)]`)

// TestEveryKeyTheCodeUsesIsInEnglish reads the app's and the views' sources
// for the keys they give T, so that a key mistyped or never added fails
// here rather than showing on a page. Keys built at run time (a prefix and
// a value) are checked by the tests of the pages that show them.
func TestEveryKeyTheCodeUsesIsInEnglish(t *testing.T) {
	used := map[string]string{}
	for _, root := range []string{"../../app", "../../views"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasSuffix(path, "_templ.go") ||
				!(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".templ")) || strings.HasSuffix(path, "_test.go") || d.Name() == "doc.go" {
				return err
			}
			src, err := os.ReadFile(path)
			for _, m := range keyUse.FindAllSubmatch(src, -1) {
				used[string(m[1])] = path
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(used) == 0 {
		t.Fatal("no key found in the sources: the pattern no longer matches how T is called")
	}
	for key, path := range used {
		if _, ok := catalogs["en"][key]; !ok {
			t.Errorf("%s uses %q, which the English catalog lacks", path, key)
		}
	}
}
