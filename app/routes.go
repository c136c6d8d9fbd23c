package app

// routes registers every route of the app, grouped by the guard in front of it.
// Later areas add their groups here: OAuth, webhooks (HMAC), app proxy
// (signature), storefront API (shopper token), embedded admin (session token).
func (s *Server) routes(d Deps) {
	f := s.fiber
	f.Use(requestLog(d.Log))
	f.Use(securityHeaders)

	// Probes, unauthenticated: liveness and readiness for the load balancer.
	health := healthHandlers{db: d.DB}
	f.Get("/healthz", health.live)
	f.Get("/readyz", health.ready)

	// Static assets under content-hash URLs.
	f.Get("/static/*", serveAsset(d.Assets))
}
