// Package localpg runs a private PostgreSQL cluster from the system's server
// binaries, for `hubchat dev` and the tests when DATABASE_URL is unset.
//
// The cluster lives in a directory of the project (git-ignored), is created on
// first use and reused after. Several processes may use it at once (go test runs
// one process per package): each holds a shared lock on a file in the directory
// for as long as it uses the server, and the one that leaves last stops it. A
// process that dies leaves the server running; the next user adopts it.
//
// PostgreSQL refuses to run as root, so as root the server runs as the system's
// "postgres" user, which must be able to reach the directory.
package localpg
