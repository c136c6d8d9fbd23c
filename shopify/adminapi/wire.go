package adminapi

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// response is the body of a GraphQL answer: data, errors and the cost
// extension, which Shopify puts at the top level even when throttled.
type response struct {
	Data       json.RawMessage `json:"data"`
	Errors     errorList       `json:"errors"`
	Extensions struct {
		Cost *Cost `json:"cost"`
	} `json:"extensions"`
}

// Cost is extensions.cost: what the query was charged and the bucket after
// it. ActualQueryCost is null (nil) when the query did not run.
type Cost struct {
	RequestedQueryCost float64        `json:"requestedQueryCost"`
	ActualQueryCost    *float64       `json:"actualQueryCost"`
	ThrottleStatus     ThrottleStatus `json:"throttleStatus"`
}

// ThrottleStatus is the bucket as Shopify reports it.
type ThrottleStatus struct {
	MaximumAvailable   float64 `json:"maximumAvailable"`
	CurrentlyAvailable float64 `json:"currentlyAvailable"`
	RestoreRate        float64 `json:"restoreRate"`
}

// codeThrottled is extensions.code of the error Shopify answers (with
// status 200) when the bucket cannot afford the query.
const codeThrottled = "THROTTLED"

// errorList decodes "errors", which Shopify sends as an array of GraphQL
// errors or, for an unrecognised token, as a single string.
type errorList []ErrorDetail

func (l *errorList) UnmarshalJSON(b []byte) error {
	if bytes.HasPrefix(bytes.TrimSpace(b), []byte(`"`)) {
		var msg string
		if err := json.Unmarshal(b, &msg); err != nil {
			return err
		}
		*l = errorList{{Message: msg}}
		return nil
	}
	var raw []struct {
		Message    string `json:"message"`
		Extensions struct {
			Code string `json:"code"`
		} `json:"extensions"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*l = make(errorList, len(raw))
	for i, e := range raw {
		(*l)[i] = ErrorDetail{Message: e.Message, Code: e.Extensions.Code}
	}
	return nil
}

func (l errorList) throttled() bool {
	for _, e := range l {
		if e.Code == codeThrottled {
			return true
		}
	}
	return false
}

// Money is an amount in a currency: Amount is Shopify's Decimal, kept as the
// decimal string it was sent as so that no float ever rounds it.
type Money struct {
	Amount       string `json:"amount"`
	CurrencyCode string `json:"currencyCode"`
}

// PageInfo is where a page of a connection ends. Pass EndCursor as after to
// get the next page while HasNextPage is true.
type PageInfo struct {
	HasNextPage bool   `json:"hasNextPage"`
	EndCursor   string `json:"endCursor"`
}

// count decodes Shopify's UnsignedInt64, which is sent as a JSON string
// ("12"), while accepting a plain number too.
type count int64

func (c *count) UnmarshalJSON(b []byte) error {
	s := string(bytes.Trim(b, `"`))
	if s == "null" {
		*c = 0
		return nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	*c = count(n)
	return err
}
