package builtin_test

import (
	"strings"
	"testing"
	"time"

	"hubchat/app/aiagent"
	"hubchat/storage"
)

// spanishShop replaces the fixture's data with a Spanish shop's.
func spanishShop(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	f.db.MustExec(`DELETE FROM faqs WHERE shop_id = $1`, f.shopID)
	f.db.MustExec(`DELETE FROM knowledge_articles WHERE shop_id = $1`, f.shopID)
	f.db.MustExec(`DELETE FROM products WHERE shop_id = $1`, f.shopID)
	for _, q := range [][2]string{
		{"¿Cuánto tarda el envío?", "El envío estándar tarda de 3 a 5 días hábiles; el urgente, 24 horas."},
		{"¿Puedo devolver un producto?", "Tienes 30 días desde la entrega para devolver cualquier artículo sin usar."},
		{"¿Cómo cambio mi contraseña?", "Pulsa «He olvidado mi contraseña» en la página de inicio de sesión."},
		{"¿Qué formas de pago aceptan?", "Aceptamos Visa, Mastercard, PayPal y Bizum."},
	} {
		f.addFAQ(t, q[0], q[1])
	}
	f.addArticle(t, "Guía de tallas", "Nuestras camisetas siguen las tallas europeas.\n\nLas sudaderas tienen un corte holgado: si dudas entre dos tallas, elige la más pequeña.", true)
	d := storage.ShopDetails{Name: "Montaña", PrimaryDomain: "montana.example", IANATimezone: "Europe/Madrid", Currency: "EUR",
		Policies: []storage.ShopPolicy{{Type: "SHIPPING_POLICY", Title: "Política de envíos", URL: "https://montana.example/policies/shipping-policy",
			Body: "Enviamos a toda España y Portugal.\n\nLos envíos a Canarias pueden tener aranceles."}}}
	if err := f.shops.UpdateDetails(f.ctx, f.shopID, d); err != nil {
		t.Fatal(err)
	}
	for _, p := range []storage.Product{
		{ShopifyID: 9001, Title: "Sudadera de merino", Handle: "sudadera-merino", Price: "79.00", Status: "active",
			Description: "Sudadera de lana merino con capucha y bolsillo canguro."},
		{ShopifyID: 9002, Title: "Chaqueta impermeable", Handle: "chaqueta-impermeable", Price: "129.00", Status: "active",
			Description: "Chaqueta ligera y transpirable para la lluvia."},
	} {
		p.UpdatedAt = time.Now()
		if _, err := f.products.Save(f.ctx, f.shopID, p); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// Spanish questions, typed as shoppers type (accents left out, other
// words), find the Spanish content, and the fixed sentences are Spanish.
func TestSpanishQuestionsAgainstSpanishContent(t *testing.T) {
	f := spanishShop(t)
	for _, p := range []struct{ question, want string }{
		{"cuanto tarda en llegar el paquete", "faq:¿Cuánto tarda el envío?"},
		{"¿Cuántos días tarda la entrega?", "faq:¿Cuánto tarda el envío?"},
		{"quiero hacer una devolucion", "faq:¿Puedo devolver un producto?"},
		{"me devuelven el dinero si no me gusta?", "faq:¿Puedo devolver un producto?"},
		{"olvide mi contrasena", "faq:¿Cómo cambio mi contraseña?"},
		{"¿la sudadera queda grande?", "article:Guía de tallas"},
		{"¿envían a Portugal?", "policy:Política de envíos"},
		{"¿aceptan paypal?", "faq:¿Qué formas de pago aceptan?"},
		{"¿tienen descuento para estudiantes?", "handoff"},
		{"¿abren los domingos?", "handoff"},
	} {
		a := f.askAs(t, p.question, "es", 0)
		t.Logf("%-45q → %-40s conf %.2f", p.question, source(a), a.Confidence)
		if got := source(a); got != p.want {
			t.Errorf("%q: got %s, want %s", p.question, got, p.want)
		}
	}
	policy := f.askAs(t, "¿envían a Portugal?", "es", 0)
	if !strings.HasSuffix(policy.Text, "Más información en Política de envíos: https://montana.example/policies/shipping-policy") ||
		policy.Tag != aiagent.TagShipping {
		t.Errorf("policy answer %q (%s), want its paragraph with the link in Spanish, tagged shipping", policy.Text, policy.Tag)
	}
	cards := f.askAs(t, "¿tienen chaquetas para la lluvia?", "es", 0)
	if len(cards.Cards) == 0 || cards.Cards[0].Title != "Chaqueta impermeable" || cards.Cards[0].Currency != "EUR" ||
		cards.Text != "Estos productos coinciden con lo que buscas: Chaqueta impermeable." {
		t.Errorf("product search in Spanish: %+v", cards)
	}
	if noAnswer := f.askAs(t, "¿abren los domingos?", "es", 0); !strings.HasPrefix(noAnswer.Text, "Lo siento") {
		t.Errorf("a Spanish handoff says %q", noAnswer.Text)
	}
}
