package adminapi

// Shopify's documented default costs (shopify.dev, "GraphQL Admin API rate
// limits"): a scalar or enum costs 0, an object 1, and a connection 2 plus
// the cost of the objects it may return. A query is charged its requested
// cost up front and refunded the difference to its actual cost afterwards.
//
// Without the schema a field with a sub-selection is taken to be an object
// and one with a first/last argument a connection; a list of objects with no
// page size (such as shop.shopPolicies) counts as one object. Real Shopify
// has per-field overrides, which is why the client learns the cost Shopify
// reports for each query and uses that from then on.

// mutationCost is what each top-level field of a mutation costs, whatever
// its payload selects: the same table gives "Mutation | 10"
// (https://shopify.dev/docs/api/usage/limits, "Cost calculation"). Shopify
// sets manual costs on some mutations (productSet's is dynamic since
// 2025-10); metafieldsSet keeps the default.
const mutationCost = 10

// RequestedCost is the cost of op before it runs: each connection is
// charged for as many nodes as it asks for, each mutation field 10.
func RequestedCost(op *Operation, vars map[string]any) int {
	if op.Type == OpMutation {
		return mutationCost * len(op.Fields)
	}
	return selectionCost(op, op.Fields, vars)
}

func selectionCost(op *Operation, fields []Field, vars map[string]any) int {
	total := 0
	for _, f := range fields {
		total += fieldCost(op, f, vars)
	}
	return total
}

func fieldCost(op *Operation, f Field, vars map[string]any) int {
	if len(f.Fields) == 0 {
		return 0
	}
	if n, ok := pageSize(op, f, vars); ok {
		return 2 + n*(1+nodeCost(op, f, vars))
	}
	return 1 + selectionCost(op, f.Fields, vars)
}

// nodeCost is the cost of one node's selection, under nodes { … } or
// edges { node { … } }; pageInfo and cursor are part of the connection's 2.
func nodeCost(op *Operation, conn Field, vars map[string]any) int {
	best := 0
	for _, f := range conn.Fields {
		switch f.Name {
		case "nodes":
			best = max(best, selectionCost(op, f.Fields, vars))
		case "edges":
			for _, e := range f.Fields {
				if e.Name == "node" {
					best = max(best, selectionCost(op, e.Fields, vars))
				}
			}
		}
	}
	return best
}

func pageSize(op *Operation, f Field, vars map[string]any) (int, bool) {
	for _, arg := range []string{"first", "last"} {
		if v, ok := op.Arg(f, arg, vars); ok {
			n, _ := toInt(v)
			return max(n, 0), true
		}
	}
	return 0, false
}

// ActualCost is the cost of op given the data it returned (decoded JSON, or
// the same shapes built from maps and slices): connections are charged for
// the nodes they returned and null objects for nothing. The fake Shopify
// refunds RequestedCost − ActualCost, as Shopify does. A mutation that ran
// costs what it requested.
func ActualCost(op *Operation, vars map[string]any, data map[string]any) int {
	if op.Type == OpMutation {
		return RequestedCost(op, vars)
	}
	return actualSelection(op, op.Fields, vars, data)
}

func actualSelection(op *Operation, fields []Field, vars map[string]any, obj map[string]any) int {
	total := 0
	for _, f := range fields {
		if len(f.Fields) > 0 {
			total += actualField(op, f, vars, obj[f.Alias])
		}
	}
	return total
}

func actualField(op *Operation, f Field, vars map[string]any, v any) int {
	if _, ok := pageSize(op, f, vars); ok {
		conn, _ := v.(map[string]any)
		if conn == nil {
			return 0
		}
		nodes := 0
		for _, sub := range f.Fields {
			switch sub.Name {
			case "nodes":
				nodes = max(nodes, actualList(op, sub.Fields, vars, conn["nodes"], ""))
			case "edges":
				for _, e := range sub.Fields {
					if e.Name == "node" {
						nodes = max(nodes, actualList(op, e.Fields, vars, conn["edges"], "node"))
					}
				}
			}
		}
		return 2 + nodes
	}
	switch x := v.(type) {
	case map[string]any:
		return 1 + actualSelection(op, f.Fields, vars, x)
	case []any:
		if len(x) > 0 {
			first, _ := x[0].(map[string]any)
			return 1 + actualSelection(op, f.Fields, vars, first)
		}
	}
	return 0
}

// actualList charges each returned node 1 plus its selection; wrap names
// the key holding the node inside an edge ("node"), or "" for nodes lists.
func actualList(op *Operation, fields []Field, vars map[string]any, v any, wrap string) int {
	list, _ := v.([]any)
	total := 0
	for _, e := range list {
		node, _ := e.(map[string]any)
		if wrap != "" {
			node, _ = node[wrap].(map[string]any)
		}
		if node != nil {
			total += 1 + actualSelection(op, fields, vars, node)
		}
	}
	return total
}

// toInt reads a JSON number (float64 after decoding) or a Go integer.
func toInt(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	case float64:
		if n == float64(int(n)) {
			return int(n), true
		}
	}
	return 0, false
}
