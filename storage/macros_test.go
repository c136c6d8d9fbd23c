package storage_test

import (
	"errors"
	"testing"

	"hubchat/storage"
)

func TestMacrosAreUniquePerShopAndScoped(t *testing.T) {
	t.Parallel()
	ctx, _, mine, theirs, _, macros := twoShops(t)
	thanks, err := macros.Create(ctx, mine, "Thanks", "Thanks {{customer.first_name}}!")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := macros.Create(ctx, mine, "THANKS", "again"); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("same name, other case: %v, want conflict", err)
	}
	// Another shop may use the same name.
	other, err := macros.Create(ctx, theirs, "Thanks", "theirs")
	if err != nil {
		t.Fatal(err)
	}
	ship, _ := macros.Create(ctx, mine, "Shipping", "Ships in 2 days.")
	if _, err := macros.Update(ctx, mine, ship.ID, "thanks", "x"); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("rename onto a taken name: %v, want conflict", err)
	}
	if m, err := macros.Update(ctx, mine, thanks.ID, "Thanks", "Thank you!"); err != nil || m.Body != "Thank you!" {
		t.Fatalf("keep the name, change the body: %+v %v", m, err)
	}
	list, err := macros.List(ctx, mine)
	if err != nil || len(list) != 2 || list[0].Name != "Shipping" || list[1].Name != "Thanks" {
		t.Fatalf("list by name: %+v %v", list, err)
	}

	if _, err := macros.Get(ctx, mine, other.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("get another shop's macro: %v", err)
	}
	if _, err := macros.Update(ctx, mine, other.ID, "Mine now", "x"); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("update another shop's macro: %v", err)
	}
	if err := macros.Delete(ctx, mine, other.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("delete another shop's macro: %v", err)
	}
	if err := macros.Delete(ctx, mine, thanks.ID); err != nil {
		t.Fatal(err)
	}
	if m, err := macros.Get(ctx, theirs, other.ID); err != nil || m.Body != "theirs" {
		t.Fatalf("the other shop's macro: %+v %v", m, err)
	}
}
