package realtime_test

import (
	"testing"

	"hubchat/storage/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }
