package twiliotest_test

import (
	"os"
	"testing"

	"hubchat/app/apptest"
)

// The phone page's test opens a tab in the binary's Chromium: closed here.
func TestMain(m *testing.M) {
	code := m.Run()
	apptest.CloseBrowser()
	os.Exit(code)
}
