package app_test

// isolationRows is how each route of the app is tried across shops: one
// row per method and path as app/routes.go registers them. A new route
// needs its row here, or TestIsolationCoversEveryRoute fails with its
// name. Placeholders in braces are shop B's objects: {ticket} (a
// conversation), {message}, {faq}, {article}, {synonyms}, {macro},
// {recipient} (an address for notifications), {request} (a data request),
// {media} (an image's capability token), {shop} (B's domain).
//
// A row of staffOfA or customerOfA is tried with A's real credentials (a
// path or body naming B's objects must be refused exactly as an object that
// never existed is; a route that names none must show nothing of B), and
// with forged credentials claiming shop B (refused). A route public by
// design has a check of its own instead.
var isolationRows = map[string]isolationRow{
	// Probes, assets and the install: public by design, no shop's data.
	"GET /healthz":                  {check: showsNothingOfB("/healthz")},
	"GET /readyz":                   {check: showsNothingOfB("/readyz")},
	"GET /static/*":                 {check: showsNothingOfB("/static/css/admin.css")},
	"GET /auth":                     {check: installStartsOnlyAtShopify},
	"GET /auth/callback":            {check: forgedInstallCallbackRefused},
	"GET /auth/session-token":       {check: showsNothingOfB("/auth/session-token?shop={shop}&shopify-reload=/app")},
	"POST /webhooks":                {check: forgedWebhookRefused},
	"POST /twilio/:domain/messages": {check: twilioSignedByAnotherShopRefused("/twilio/{shop}/messages")},
	"POST /twilio/:domain/status":   {check: twilioSignedByAnotherShopRefused("/twilio/{shop}/status")},
	"POST /proxy/session":           {check: forgedAppProxyRefused},
	"GET /proxy/click":              {check: forgedProductLinkRefused},
	"GET /media/:token":             {check: guessedMediaRefused},

	// The chat API, as shop A's signed-in customer.
	"GET /api/storefront/state":     {as: customerOfA, path: "/api/storefront/state"},
	"POST /api/storefront/messages": {as: customerOfA, path: "/api/storefront/messages", body: `{"client_id":"8a7b6c5d-4e3f-4a1b-9c2d-3e4f5a6b7c8d","body":"Do you sell ` + bMarker + `?"}`},
	"POST /api/storefront/images":   {as: customerOfA, path: "/api/storefront/images", body: `{}`},
	"POST /api/storefront/end":      {as: customerOfA, path: "/api/storefront/end", body: `{"conversation_id":{ticket}}`},
	// up_to_id bounds what the shopper saw of their own conversation: B's
	// message id there names nothing of B (the digest proves it).
	"POST /api/storefront/seen":      {as: customerOfA, path: "/api/storefront/seen", body: `{"up_to_id":987654321}`},
	"POST /api/storefront/handoff":   {as: customerOfA, path: "/api/storefront/handoff", body: `{"conversation_id":{ticket},"accept":true}`},
	"POST /api/storefront/email":     {as: customerOfA, path: "/api/storefront/email", body: `{"conversation_id":{ticket},"email":"a@example.com"}`},
	"GET /api/storefront/stream":     {as: customerOfA, path: "/api/storefront/stream", stream: true},
	"GET /api/storefront/orders":     {as: customerOfA, path: "/api/storefront/orders"},
	"POST /api/storefront/faq-reads": {as: customerOfA, path: "/api/storefront/faq-reads", body: `{"faq_id":{faq}}`},
	"POST /api/storefront/typing":    {as: customerOfA, path: "/api/storefront/typing", body: `{"typing":true}`},

	// The embedded admin, as shop A's owner.
	"GET /app/":             {as: staffOfA, path: "/app/?q=" + bMarker},
	"GET /app/inbox/rows":   {as: staffOfA, path: "/app/inbox/rows?q=" + bMarker},
	"GET /app/inbox/badge":  {as: staffOfA, path: "/app/inbox/badge"},
	"GET /app/inbox/unread": {as: staffOfA, path: "/app/inbox/unread"},
	"GET /app/stream":       {as: staffOfA, path: "/app/stream", stream: true},

	"GET /app/tickets/:id":                 {as: staffOfA, path: "/app/tickets/{ticket}"},
	"GET /app/tickets/:id/header":          {as: staffOfA, path: "/app/tickets/{ticket}/header"},
	"GET /app/tickets/:id/thread":          {as: staffOfA, path: "/app/tickets/{ticket}/thread"},
	"GET /app/tickets/:id/composer":        {as: staffOfA, path: "/app/tickets/{ticket}/composer"},
	"GET /app/tickets/:id/profile":         {as: staffOfA, path: "/app/tickets/{ticket}/profile"},
	"POST /app/tickets/:id/messages":       {as: staffOfA, path: "/app/tickets/{ticket}/messages", body: "client_id=5f0c8a52-0d1b-4f7e-9a51-3c2d1e0f9a8b&body=hello"},
	"POST /app/tickets/:id/assign":         {as: staffOfA, path: "/app/tickets/{ticket}/assign", body: "agent_id="},
	"POST /app/tickets/:id/snooze":         {as: staffOfA, path: "/app/tickets/{ticket}/snooze", body: "preset=tomorrow"},
	"POST /app/tickets/:id/unsnooze":       {as: staffOfA, path: "/app/tickets/{ticket}/unsnooze"},
	"POST /app/tickets/:id/close":          {as: staffOfA, path: "/app/tickets/{ticket}/close"},
	"POST /app/tickets/:id/tag":            {as: staffOfA, path: "/app/tickets/{ticket}/tag", body: "tag=order_status"},
	"POST /app/tickets/:id/typing":         {as: staffOfA, path: "/app/tickets/{ticket}/typing", body: "typing=true"},
	"GET /app/alerts":                      {as: staffOfA, path: "/app/alerts"},
	"POST /app/alerts":                     {as: staffOfA, path: "/app/alerts", body: "enabled=false"},
	"GET /app/tickets/:id/alert":           {as: staffOfA, path: "/app/tickets/{ticket}/alert?kind=conversation.created"},
	"GET /app/dashboard":                   {as: staffOfA, path: "/app/dashboard?q=" + bMarker},
	"GET /app/dashboard/overview":          {as: staffOfA, path: "/app/dashboard/overview"},
	"GET /app/dashboard/rows":              {as: staffOfA, path: "/app/dashboard/rows?q=" + bMarker},
	"GET /app/dashboard/export.csv":        {as: staffOfA, path: "/app/dashboard/export.csv"},
	"GET /app/dashboard/conversations/:id": {as: staffOfA, path: "/app/dashboard/conversations/{ticket}"},
	"GET /app/privacy":                     {as: staffOfA, path: "/app/privacy"},
	"GET /app/privacy/:id/export":          {as: staffOfA, path: "/app/privacy/{request}/export"},

	"GET /app/settings":                                {as: staffOfA, path: "/app/settings"},
	"GET /app/settings/web-chat":                       {as: staffOfA, path: "/app/settings/web-chat"},
	"POST /app/settings/web-chat":                      {as: staffOfA, path: "/app/settings/web-chat", body: "shop={shop}"},
	"POST /app/settings/web-chat/office-hours":         {as: staffOfA, path: "/app/settings/web-chat/office-hours", body: "oh_action=add"},
	"GET /app/settings/general":                        {as: staffOfA, path: "/app/settings/general"},
	"POST /app/settings/general":                       {as: staffOfA, path: "/app/settings/general", body: "shop={shop}"},
	"GET /app/settings/faqs":                           {as: staffOfA, path: "/app/settings/faqs"},
	"POST /app/settings/faqs":                          {as: staffOfA, path: "/app/settings/faqs", body: "question=&answer="},
	"GET /app/settings/faqs/:id":                       {as: staffOfA, path: "/app/settings/faqs/{faq}"},
	"POST /app/settings/faqs/:id":                      {as: staffOfA, path: "/app/settings/faqs/{faq}", body: "question=Changed%3F&answer=Changed."},
	"POST /app/settings/faqs/:id/move":                 {as: staffOfA, path: "/app/settings/faqs/{faq}/move", body: "direction=up"},
	"POST /app/settings/faqs/:id/publish":              {as: staffOfA, path: "/app/settings/faqs/{faq}/publish", body: "published=false"},
	"GET /app/settings/faqs/:id/delete":                {as: staffOfA, path: "/app/settings/faqs/{faq}/delete"},
	"POST /app/settings/faqs/:id/delete":               {as: staffOfA, path: "/app/settings/faqs/{faq}/delete"},
	"GET /app/settings/ai-agent":                       {as: staffOfA, path: "/app/settings/ai-agent"},
	"POST /app/settings/ai-agent":                      {as: staffOfA, path: "/app/settings/ai-agent", body: "shop={shop}"},
	"POST /app/settings/ai-agent/try":                  {as: staffOfA, path: "/app/settings/ai-agent/try", body: "question=Do+you+sell+" + bMarker + "%3F"},
	"POST /app/settings/ai-agent/engine":               {as: staffOfA, path: "/app/settings/ai-agent/engine", body: "engine=builtin"},
	"GET /app/settings/ai-agent/articles/new":          {as: staffOfA, path: "/app/settings/ai-agent/articles/new"},
	"POST /app/settings/ai-agent/articles":             {as: staffOfA, path: "/app/settings/ai-agent/articles", body: "title=&body="},
	"GET /app/settings/ai-agent/articles/:id":          {as: staffOfA, path: "/app/settings/ai-agent/articles/{article}"},
	"POST /app/settings/ai-agent/articles/:id":         {as: staffOfA, path: "/app/settings/ai-agent/articles/{article}", body: "title=Changed&body=Changed."},
	"POST /app/settings/ai-agent/articles/:id/publish": {as: staffOfA, path: "/app/settings/ai-agent/articles/{article}/publish", body: "published=false"},
	"GET /app/settings/ai-agent/articles/:id/delete":   {as: staffOfA, path: "/app/settings/ai-agent/articles/{article}/delete"},
	"POST /app/settings/ai-agent/articles/:id/delete":  {as: staffOfA, path: "/app/settings/ai-agent/articles/{article}/delete"},
	"GET /app/settings/ai-agent/synonyms":              {as: staffOfA, path: "/app/settings/ai-agent/synonyms"},
	"POST /app/settings/ai-agent/synonyms":             {as: staffOfA, path: "/app/settings/ai-agent/synonyms", body: "words="},
	"GET /app/settings/ai-agent/synonyms/:id":          {as: staffOfA, path: "/app/settings/ai-agent/synonyms/{synonyms}"},
	"POST /app/settings/ai-agent/synonyms/:id":         {as: staffOfA, path: "/app/settings/ai-agent/synonyms/{synonyms}", body: "words=one%2C+two"},
	"GET /app/settings/ai-agent/synonyms/:id/delete":   {as: staffOfA, path: "/app/settings/ai-agent/synonyms/{synonyms}/delete"},
	"POST /app/settings/ai-agent/synonyms/:id/delete":  {as: staffOfA, path: "/app/settings/ai-agent/synonyms/{synonyms}/delete"},
	"GET /app/settings/ai-agent/import":                {as: staffOfA, path: "/app/settings/ai-agent/import"},
	"POST /app/settings/ai-agent/import":               {as: staffOfA, path: "/app/settings/ai-agent/import", body: "filename=faqs.csv&content="},
	"POST /app/settings/ai-agent/import/confirm":       {as: staffOfA, path: "/app/settings/ai-agent/import/confirm", body: "filename=faqs.csv&content="},
	"GET /app/settings/macros":                         {as: staffOfA, path: "/app/settings/macros"},
	"POST /app/settings/macros":                        {as: staffOfA, path: "/app/settings/macros", body: "name=&body="},
	"GET /app/settings/macros/:id":                     {as: staffOfA, path: "/app/settings/macros/{macro}"},
	"POST /app/settings/macros/:id":                    {as: staffOfA, path: "/app/settings/macros/{macro}", body: "name=Changed&body=Changed."},
	"GET /app/settings/macros/:id/delete":              {as: staffOfA, path: "/app/settings/macros/{macro}/delete"},
	"POST /app/settings/macros/:id/delete":             {as: staffOfA, path: "/app/settings/macros/{macro}/delete"},
	"GET /app/settings/sms":                            {as: staffOfA, path: "/app/settings/sms"},
	"POST /app/settings/sms":                           {as: staffOfA, path: "/app/settings/sms", body: "shop={shop}"},
	"GET /app/settings/notifications":                  {as: staffOfA, path: "/app/settings/notifications"},
	"POST /app/settings/notifications":                 {as: staffOfA, path: "/app/settings/notifications", body: "email="},
	"POST /app/settings/notifications/:id/delete":      {as: staffOfA, path: "/app/settings/notifications/{recipient}/delete"},
	"GET /app/settings/data":                           {as: staffOfA, path: "/app/settings/data"},
}
