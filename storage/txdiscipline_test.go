package storage_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// Storage must never wait on a second pooled connection while a
// transaction holds one, and never call back up into its callers: with a
// pool of N, N requests doing either wait on each other for ever. (A
// shopper's first message once read settings through a callback while its
// transaction was open, and 40 shoppers hung the server.) This reads every
// store method that opens a transaction and refuses, after the BEGIN, any
// use of the store's pool (recv.db), any call of another exported method of
// a store (which would use the pool), and any call of a function-typed
// parameter; and it refuses function-typed parameters on exported methods.
func TestNoPoolAccessOrCallbackWhileATransactionIsOpen(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var parsed []*ast.File
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, f)
	}
	funcTypes := declaredFuncTypes(parsed)
	for _, f := range parsed {
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			for _, problem := range txProblems(fn, funcTypes) {
				t.Errorf("%s: %s: %s", fset.Position(fn.Pos()), fn.Name.Name, problem)
			}
		}
	}
}

// declaredFuncTypes are the package's named function types (type X func…)
// and, marked "field:", its structs' function-typed fields.
func declaredFuncTypes(files []*ast.File) map[string]bool {
	named := map[string]bool{}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok {
				return true
			}
			switch t := ts.Type.(type) {
			case *ast.FuncType:
				named[ts.Name.Name] = true
			case *ast.StructType:
				for _, field := range t.Fields.List {
					if _, isFunc := field.Type.(*ast.FuncType); isFunc {
						for _, n := range field.Names {
							// The injected clock is the one function a store
							// may call: it reads no connection.
							named["field:"+n.Name] = n.Name != "now"
						}
					}
				}
			}
			return true
		})
	}
	return named
}

// txProblems lists what fn does wrong while a transaction is open: from its
// BEGIN on, or all along when it is handed the transaction (a *sqlx.Tx).
func txProblems(fn *ast.FuncDecl, funcTypes map[string]bool) []string {
	var problems []string
	recv := receiverName(fn)
	funcParams := map[string]bool{}
	begin := token.NoPos
	for _, field := range fn.Type.Params.List {
		if isFuncType(field.Type, funcTypes) {
			for _, n := range field.Names {
				funcParams[n.Name] = true
			}
			if fn.Name.IsExported() && fn.Recv != nil {
				problems = append(problems, "takes a function (storage never calls back up)")
			}
		}
		if star, ok := field.Type.(*ast.StarExpr); ok {
			if sel, ok := star.X.(*ast.SelectorExpr); ok && sel.Sel.Name == "Tx" {
				begin = fn.Body.Lbrace
			}
		}
	}
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			if sel, ok := n.(*ast.SelectorExpr); ok && begin.IsValid() && n.Pos() > begin && isIdent(sel.X, recv) && sel.Sel.Name == "db" {
				problems = append(problems, "uses the pool (db) while its transaction is open")
			}
			return true
		}
		switch fun := call.Fun.(type) {
		case *ast.SelectorExpr:
			if (fun.Sel.Name == "BeginTxx" || fun.Sel.Name == "BeginTx") && !begin.IsValid() {
				begin = call.End()
				return true
			}
			if begin.IsValid() && call.Pos() > begin && isIdent(fun.X, recv) && fun.Sel.IsExported() {
				problems = append(problems, "calls "+fun.Sel.Name+", which takes its own connection, while its transaction is open")
			}
			if begin.IsValid() && call.Pos() > begin && funcTypes["field:"+fun.Sel.Name] {
				problems = append(problems, "calls back ("+fun.Sel.Name+") while its transaction is open")
			}
		case *ast.Ident:
			if fun.Name == "beginInShop" && !begin.IsValid() { // the shop wall's BEGIN
				begin = call.End()
				return true
			}
			if begin.IsValid() && call.Pos() > begin && funcParams[fun.Name] {
				problems = append(problems, "calls back ("+fun.Name+") while its transaction is open")
			}
		}
		return true
	})
	return problems
}

func isFuncType(e ast.Expr, named map[string]bool) bool {
	switch t := e.(type) {
	case *ast.FuncType:
		return true
	case *ast.Ident:
		return named[t.Name]
	}
	return false
}

func receiverName(fn *ast.FuncDecl) string {
	if fn.Recv == nil {
		return ""
	}
	if names := fn.Recv.List[0].Names; len(names) > 0 {
		return names[0].Name
	}
	return ""
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && name != "" && id.Name == name
}
