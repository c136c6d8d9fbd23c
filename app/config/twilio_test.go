package config

import "testing"

// Dev runs a local Twilio unless TWILIO_URL names one; serve calls Twilio;
// an address that could carry credentials in clear is refused.
func TestTwilioURL(t *testing.T) {
	cfg, err := Load(Dev, env(map[string]string{"PORT": "9090"}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.LocalTwilio != (LocalTwilio{Enabled: true, Port: 8083}) || cfg.TwilioURL != "https://api.twilio.com" {
		t.Fatalf("dev: %+v, Twilio at %s", cfg.LocalTwilio, cfg.TwilioURL)
	}
	if cfg, _ := Load(Dev, env(map[string]string{"PORT": "0"})); cfg.LocalTwilio.Port != 0 {
		t.Fatalf("PORT=0 must pick a free port for the local Twilio too, got %d", cfg.LocalTwilio.Port)
	}
	cfg, err = Load(Dev, env(map[string]string{"TWILIO_URL": "http://127.0.0.1:9400/"}))
	if err != nil || cfg.LocalTwilio.Enabled || cfg.TwilioURL != "http://127.0.0.1:9400" {
		t.Fatalf("TWILIO_URL set: %+v %s %v", cfg.LocalTwilio, cfg.TwilioURL, err)
	}
	if cfg, _ := Load(Serve, env(validServeEnv())); cfg.LocalTwilio.Enabled || cfg.TwilioURL != "https://api.twilio.com" {
		t.Fatalf("serve: %+v %s", cfg.LocalTwilio, cfg.TwilioURL)
	}
	if _, err := Load(Dev, env(map[string]string{"TWILIO_URL": "http://twilio.example"})); err == nil {
		t.Fatal("plain http to another host was accepted")
	}
}
