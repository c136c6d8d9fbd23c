// Package storage owns hubchat's PostgreSQL: opening the pool, the embedded
// schema migrations, and one file of queries per aggregate. Every method that
// reads or writes a shop's rows takes the shop id first and filters on it, so an
// unscoped query cannot be written by accident. Transactions open in the exported
// method and helpers take the transaction.
package storage
