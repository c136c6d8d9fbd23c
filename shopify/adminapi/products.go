package adminapi

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"

	"hubchat/shopify"
)

// MaxProductsPage is the largest page Products asks for: 762 points
// requested, under the 1,000 a query may cost (each product is charged for
// 10 variants; what a product does not have is refunded).
const MaxProductsPage = 40

// maxSearchWords bounds the words SearchProducts passes on: a shopper's
// sentence becomes a short AND of its words, not an unbounded query.
const maxSearchWords = 8

// Product is a catalog entry as the AI agent answers from it and shows it
// on a product card.
type Product struct {
	ID             string // gid://shopify/Product/…
	NumericID      int64
	Title          string
	Handle         string
	Description    string // plain text, HTML stripped by Shopify
	Status         string // ACTIVE, DRAFT or ARCHIVED
	OnlineStoreURL string // empty when not published to the online store
	ImageURL       string // the featured media's preview image, or empty
	MinPrice       Money  // the cheapest variant's price
	UpdatedAt      time.Time
	ProductType    string // the merchant's category, e.g. "Hoodie"; may be empty
	Vendor         string
	Tags           []string
	Options        []ProductOption // e.g. Size: S, M, L; none for a product without (not Shopify's "Default Title")
	// Available is whether a shopper can buy it now: its inventory is not
	// tracked or totals more than zero, or one of its first 10 variants
	// (all that most products have) is available for sale, e.g. sold on
	// when out of stock.
	Available bool
}

// ProductOption is one of a product's options and its values.
type ProductOption struct {
	Name   string
	Values []string
}

// ProductPage is one page of products and where to continue.
type ProductPage struct {
	Products []Product
	PageInfo
}

const productsQuery = `query HubchatProducts($first: Int!, $after: String, $query: String) {
  products(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    nodes {
      id
      title
      handle
      description
      status
      onlineStoreUrl
      updatedAt
      featuredMedia { preview { image { url } } }
      priceRangeV2 { minVariantPrice { amount currencyCode } }
      productType
      vendor
      tags
      options { name values }
      tracksInventory
      totalInventory
      variants(first: 10) { nodes { availableForSale } }
    }
    pageInfo { hasNextPage endCursor }
  }
}`

// Products returns one page of products matching query (Shopify's search
// syntax; "" for all), least recently updated first, after the cursor after
// ("" for the first page). first is 1..MaxProductsPage.
func (c *Client) Products(ctx context.Context, query, after string, first int) (ProductPage, error) {
	if first < 1 || first > MaxProductsPage {
		return ProductPage{}, fmt.Errorf("products: %w: first must be 1..%d, got %d", ErrInvalidArgument, MaxProductsPage, first)
	}
	vars := map[string]any{"first": first}
	if query != "" {
		vars["query"] = query
	}
	if after != "" {
		vars["after"] = after
	}
	var data struct {
		Products struct {
			Nodes    []productNode `json:"nodes"`
			PageInfo PageInfo      `json:"pageInfo"`
		} `json:"products"`
	}
	if err := c.Do(ctx, productsQuery, vars, &data); err != nil {
		return ProductPage{}, fmt.Errorf("products: %w", err)
	}
	page := ProductPage{PageInfo: data.Products.PageInfo, Products: make([]Product, 0, len(data.Products.Nodes))}
	for _, n := range data.Products.Nodes {
		p, err := n.product()
		if err != nil {
			return ProductPage{}, fmt.Errorf("products: %w", err)
		}
		page.Products = append(page.Products, p)
	}
	return page, nil
}

// productNode is a product as productsQuery selects it.
type productNode struct {
	ID             string    `json:"id"`
	Title          string    `json:"title"`
	Handle         string    `json:"handle"`
	Description    string    `json:"description"`
	Status         string    `json:"status"`
	OnlineStoreURL *string   `json:"onlineStoreUrl"`
	UpdatedAt      time.Time `json:"updatedAt"`
	FeaturedMedia  *struct {
		Preview *struct {
			Image *struct {
				URL string `json:"url"`
			} `json:"image"`
		} `json:"preview"`
	} `json:"featuredMedia"`
	PriceRangeV2 struct {
		MinVariantPrice Money `json:"minVariantPrice"`
	} `json:"priceRangeV2"`
	ProductType string   `json:"productType"`
	Vendor      string   `json:"vendor"`
	Tags        []string `json:"tags"`
	Options     []struct {
		Name   string   `json:"name"`
		Values []string `json:"values"`
	} `json:"options"`
	productStock
}

// productStock is what tells whether a product can be bought: its
// inventory and its first variants' availability.
type productStock struct {
	TracksInventory bool `json:"tracksInventory"`
	TotalInventory  int  `json:"totalInventory"`
	Variants        struct {
		Nodes []struct {
			AvailableForSale bool `json:"availableForSale"`
		} `json:"nodes"`
	} `json:"variants"`
}

// available is Product.Available.
func (s productStock) available() bool {
	if !s.TracksInventory || s.TotalInventory > 0 {
		return true
	}
	for _, v := range s.Variants.Nodes {
		if v.AvailableForSale {
			return true
		}
	}
	return false
}

func (n productNode) product() (Product, error) {
	id, err := numericID(n.ID, "Product")
	if err != nil {
		return Product{}, err
	}
	p := Product{
		ID: n.ID, NumericID: id, Title: n.Title, Handle: n.Handle, Description: n.Description,
		Status: n.Status, MinPrice: n.PriceRangeV2.MinVariantPrice, UpdatedAt: n.UpdatedAt,
		ProductType: n.ProductType, Vendor: n.Vendor, Tags: n.Tags, Available: n.available(),
	}
	if n.OnlineStoreURL != nil {
		p.OnlineStoreURL = *n.OnlineStoreURL
	}
	if m := n.FeaturedMedia; m != nil && m.Preview != nil && m.Preview.Image != nil {
		p.ImageURL = m.Preview.Image.URL
	}
	for _, o := range n.Options {
		if !shopify.IsDefaultOption(o.Name, o.Values) {
			p.Options = append(p.Options, ProductOption{Name: o.Name, Values: o.Values})
		}
	}
	return p, nil
}

// SearchProducts returns up to first active products whose searchable
// fields contain every word of text, for the AI agent's product cards.
// Only letters and digits of text reach Shopify, so a shopper's message
// cannot inject search syntax (field filters, OR, negation).
func (c *Client) SearchProducts(ctx context.Context, text string, first int) ([]Product, error) {
	terms := []SearchTerm{{Field: "status", Value: "active"}}
	for _, w := range searchWords(text) {
		terms = append(terms, SearchTerm{Value: w})
	}
	page, err := c.Products(ctx, SearchQuery(terms...), "", first)
	if err != nil {
		return nil, err
	}
	return page.Products, nil
}

// searchWords splits text into at most maxSearchWords words of letters and
// digits, dropping the search operators AND, OR and NOT.
func searchWords(text string) []string {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	out := words[:0]
	for _, w := range words {
		if w != "AND" && w != "OR" && w != "NOT" && len(out) < maxSearchWords {
			out = append(out, w)
		}
	}
	return out
}
