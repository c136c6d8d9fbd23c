package builtin

import "sync"

// scratch is the per-answer working memory of a search, pooled because an
// index of ten thousand documents would otherwise allocate it every time.
type scratch struct {
	score   []float64
	mask    []uint64
	best    []float64 // the best form's contribution of the current concept
	form    []float64 // the weight of the best form of the current concept matched
	match   []float64 // the concepts matched, each its weight times its form's
	touched []int32
	docBest []int32 // a document's best passage plus one, 0 for none
}

var scratchPool = sync.Pool{New: func() any { return &scratch{} }}

func resize(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

func resizeMask(s []uint64, n int) []uint64 {
	if cap(s) < n {
		return make([]uint64, n)
	}
	return s[:n]
}

func resizeInt(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}
