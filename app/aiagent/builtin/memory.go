package builtin

import "unsafe"

// The sizes an index's memory estimate counts by: a string's header, a
// slice's, and what a Go map spends per entry beyond its key and value
// (buckets, tophash, load-factor slack).
const (
	stringHeader  = int64(unsafe.Sizeof(""))
	sliceHeader   = int64(unsafe.Sizeof([]int32(nil)))
	mapEntryExtra = 40
)

// estimateBytes is the index's memory, estimated from what it holds:
// postings, document frequencies, passages and their text, documents and
// the typo vocabulary with its deletion index. The cache bounds the
// indexes it keeps by this sum; the benchmark prints it beside the heap
// growth it measures, so the two can be compared.
func (idx *index) estimateBytes() int64 {
	var n int64
	for term, ps := range idx.postings {
		n += stringHeader + int64(len(term)) + sliceHeader + mapEntryExtra
		n += int64(cap(ps)) * int64(unsafe.Sizeof(posting{}))
	}
	n += int64(len(idx.df)) * (stringHeader + 4 + mapEntryExtra)
	n += int64(len(idx.knowledgeTerms)) * (stringHeader + mapEntryExtra)
	n += int64(len(idx.optionTerms)+len(idx.wholeOptionTerms)) * (stringHeader + 1 + mapEntryExtra)
	n += int64(cap(idx.passages)) * int64(unsafe.Sizeof(passage{}))
	for _, p := range idx.passages {
		n += int64(len(p.text))
	}
	n += int64(cap(idx.docs)) * int64(unsafe.Sizeof(document{}))
	for t := range idx.titles {
		n += stringHeader + int64(len(t)) + 4 + mapEntryExtra
	}
	for _, d := range idx.docs {
		n += int64(len(d.id) + len(d.title) + len(d.url) + len(d.policyType))
		p := d.product
		n += int64(len(p.Title) + len(p.Handle) + len(p.Description) + len(p.Price) + len(p.ImageURL) + len(p.Status) +
			len(p.ProductType) + len(p.Vendor))
		for _, t := range p.Tags {
			n += stringHeader + int64(len(t))
		}
		for _, o := range p.Options {
			n += stringHeader + int64(len(o.Name)) + sliceHeader
			for _, v := range o.Values {
				n += stringHeader + int64(len(v))
			}
		}
	}
	for w, names := range idx.names {
		n += stringHeader + int64(len(w)) + sliceHeader + mapEntryExtra
		for _, name := range names {
			n += 4 + sliceHeader
			for _, w := range name.words {
				n += stringHeader + int64(len(w))
			}
		}
	}
	return n + idx.vocab.estimateBytes()
}

// estimateBytes is the vocabulary's memory: its words, their terms and the
// deletion index.
func (v *vocabulary) estimateBytes() int64 {
	var n int64
	for w := range v.count {
		n += stringHeader + int64(len(w)) + 4 + mapEntryExtra
	}
	n += int64(len(v.terms)) * (2*stringHeader + mapEntryExtra)
	for d, ws := range v.deletes {
		n += stringHeader + int64(len(d)) + sliceHeader + mapEntryExtra + int64(cap(ws))*stringHeader
	}
	return n
}
