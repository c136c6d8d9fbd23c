package localpg

import (
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
)

// serverUser is who runs initdb and the server: nobody special when we are not
// root, the system's "postgres" user when we are.
type serverUser struct {
	cred *syscall.Credential // nil: run as ourselves
	uid  int
	gids []int
}

func currentServerUser() (serverUser, error) {
	if os.Geteuid() != 0 {
		return serverUser{uid: os.Geteuid(), gids: groupsOf()}, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return serverUser{}, fmt.Errorf("running as root, and PostgreSQL refuses to run as root: "+
			"a system user named postgres is needed to run it (Debian's postgresql package creates one): %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	gids := []int{gid}
	if ids, err := u.GroupIds(); err == nil {
		for _, g := range ids {
			n, _ := strconv.Atoi(g)
			gids = append(gids, n)
		}
	}
	return serverUser{
		cred: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)},
		uid:  uid,
		gids: gids,
	}, nil
}

func groupsOf() []int {
	gids, _ := os.Getgroups()
	return append(gids, os.Getegid())
}

// canReach reports whether the server user can walk down to dir: every
// ancestor must grant it search (x) permission.
func (s serverUser) canReach(dir string) bool {
	for p := dir; ; p = filepath.Dir(p) {
		st, err := os.Stat(p)
		if err != nil {
			return false
		}
		if !s.mayEnter(st) {
			return false
		}
		if p == filepath.Dir(p) {
			return true
		}
	}
}

func (s serverUser) mayEnter(st os.FileInfo) bool {
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return true
	}
	mode := st.Mode().Perm()
	switch {
	case int(sys.Uid) == s.uid:
		return mode&0o100 != 0
	case s.inGroup(int(sys.Gid)):
		return mode&0o010 != 0
	default:
		return mode&0o001 != 0
	}
}

func (s serverUser) inGroup(gid int) bool {
	for _, g := range s.gids {
		if g == gid {
			return true
		}
	}
	return false
}

// chownTree gives dir and everything in it to the server user.
func (s serverUser) chownTree(dir string) error {
	if s.cred == nil {
		return nil
	}
	return filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, int(s.cred.Uid), int(s.cred.Gid))
	})
}
