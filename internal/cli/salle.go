package cli

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/conduite/conduite/internal/resume"
	"github.com/conduite/conduite/questionnaire"
	room "github.com/conduite/conduite/salle"
	"github.com/conduite/conduite/tui"
	tsalle "github.com/conduite/conduite/tui/salle"
)

// salleFlags are the flags of conduite salle.
type salleFlags struct {
	listen   string
	sshPort  int
	httpPort int
	code     string
	max      int
	noSave   bool
}

// The defaults of conduite salle (a public contract: the trainer's guide
// names them).
const (
	salleSSHPort  = 2323
	salleHTTPPort = 8023
	salleMax      = 200
	salleMaxMax   = 10000
	// hostKeyFile is the SSH host key's file in the state folder (beside
	// the resume file), so participants see the same key at every workshop.
	hostKeyFile = "salle_ssh_host_ed25519"
)

func (a *app) salleCmd() *cobra.Command {
	var f salleFlags
	cmd := &cobra.Command{
		Use:     "salle [CASE]",
		Aliases: []string{"room"},
		Args:    maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id := ""
			if len(args) == 1 {
				id = args[0]
			}
			return a.runSalle(cmd.Context(), id, f)
		},
		ValidArgsFunction: a.completeCase,
	}
	fl := cmd.Flags()
	fl.StringVar(&f.listen, "listen", "", "cli_flag_salle_listen")
	fl.IntVar(&f.sshPort, "ssh-port", salleSSHPort, "cli_flag_salle_ssh_port")
	fl.IntVar(&f.httpPort, "http-port", salleHTTPPort, "cli_flag_salle_http_port")
	fl.StringVar(&f.code, "code", "", "cli_flag_salle_code")
	fl.IntVar(&f.max, "max", salleMax, "cli_flag_salle_max")
	fl.BoolVar(&f.noSave, "no-save", false, "cli_flag_salle_no_save")
	return cmd
}

// check reads the flags: every error names the flag, what it got and what
// is allowed. The listening address must be an IP address: a host name
// would be looked up, and the room never asks the network anything.
func (f *salleFlags) check() error {
	if f.listen != "" && net.ParseIP(f.listen) == nil {
		return badMsg("cli_salle_bad_listen", "v", strconv.Quote(f.listen))
	}
	for _, p := range []struct {
		name string
		v    int
	}{{"--ssh-port", f.sshPort}, {"--http-port", f.httpPort}} {
		if p.v < 0 || p.v > 65535 {
			return badMsg("cli_salle_bad_port", "flag", p.name, "v", strconv.Itoa(p.v))
		}
	}
	if f.sshPort != 0 && f.sshPort == f.httpPort {
		return badMsg("cli_salle_same_port", "v", strconv.Itoa(f.sshPort))
	}
	if f.code != "" && !validCode(f.code) {
		return badMsg("cli_salle_bad_code", "v", strconv.Quote(f.code))
	}
	if f.max < 1 || f.max > salleMaxMax {
		return badMsg("cli_salle_bad_max", "v", strconv.Itoa(f.max), "max", strconv.Itoa(salleMaxMax))
	}
	return nil
}

// validCode: 4 to 12 digits.
func validCode(s string) bool {
	if len(s) < 4 || len(s) > 12 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// newCode draws a 4-digit join code (crypto/rand: not guessable from the
// time the room opened).
func newCode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(10000))
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%04d", n.Int64()), nil
}

// runSalle opens the room: the trainer's screen on the terminal, the
// listeners once the case is known, both closed when the screen ends.
func (a *app) runSalle(ctx context.Context, id string, f salleFlags) error {
	if err := f.check(); err != nil {
		return err
	}
	lang, c, err := a.langContent()
	if err != nil {
		return err
	}
	if id != "" {
		k, err := lookupCase(c, id, lang)
		if err != nil {
			return err
		}
		id = k.ID
	}
	if !a.io.InTTY || !a.io.OutTTY {
		return badMsg("cli_salle_needs_terminal")
	}
	if f.code == "" {
		if f.code, err = newCode(); err != nil {
			return err
		}
	}
	serve := roomServer{flags: f, lang: lang, content: c, ctx: ctx, hostKey: a.hostKeyPath(f.noSave)}
	defer serve.shutdown()
	wd, _ := os.Getwd()
	m := tsalle.NewTrainer(tsalle.Options{Content: c, Lang: lang, Theme: tui.ThemeFromEnv(a.io.Getenv),
		FixedTheme: a.io.Getenv("NO_COLOR") != "", Case: id,
		Hosts: roomHosts(f.listen, net.Interfaces), Start: serve.start, Dir: wd})
	p := tea.NewProgram(m, tea.WithContext(ctx), tea.WithInput(a.io.In), tea.WithOutput(a.io.Out))
	_, runErr := p.Run()
	if err := serve.shutdown(); err != nil && runErr == nil {
		return err
	}
	switch {
	case errors.Is(runErr, tea.ErrInterrupted), errors.Is(runErr, tea.ErrProgramKilled):
		return ErrAborted
	case runErr != nil:
		return fmt.Errorf("salle: %w", runErr)
	}
	return nil
}

// hostKeyPath is where the SSH host key lives: the state folder (mode
// 0700, the key 0600), or nowhere with --no-save (a key in memory).
func (a *app) hostKeyPath(noSave bool) string {
	if noSave {
		return ""
	}
	dir, err := resume.DefaultDir(a.io.Getenv)
	if err != nil || os.MkdirAll(dir, 0o700) != nil {
		return "" // no state folder: a key in memory, as --no-save
	}
	return filepath.Join(dir, hostKeyFile)
}

// roomServer opens the room and its listeners when the trainer has the
// case, and closes them once.
type roomServer struct {
	flags   salleFlags
	lang    questionnaire.Lang
	content *questionnaire.Content
	ctx     context.Context
	hostKey string

	mu     sync.Mutex
	srv    *room.Server
	closed bool // shutdown ran: a room that opens late is closed at once
}

func (s *roomServer) start(k *questionnaire.Case) (tsalle.Room, tsalle.Server, error) {
	r, err := room.New(room.Config{Content: s.content, Case: k, Code: s.flags.code, Max: s.flags.max})
	if err != nil {
		return nil, nil, err
	}
	srv, err := room.Serve(s.ctx, r, room.ServeConfig{Listen: s.flags.listen, SSHPort: s.flags.sshPort,
		HTTPPort: s.flags.httpPort, HostKey: s.hostKey, Lang: string(s.lang), App: tsalle.NewParticipant})
	if err != nil {
		return nil, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed { // the trainer quit while the room was opening
		_ = srv.Shutdown(context.Background())
		return nil, nil, context.Canceled
	}
	s.srv = srv
	return r, srv, nil
}

// shutdown closes both listeners and every session (again: a no-op).
func (s *roomServer) shutdown() error {
	s.mu.Lock()
	srv := s.srv
	s.srv, s.closed = nil, true
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	return srv.Shutdown(context.Background())
}

// roomHosts are the addresses to give participants: the listening address
// when it is one, else every address of the machine's interfaces that is
// up and not loopback (IPv4 first; IPv6 link-local ones need a zone no
// phone types, left out), else loopback. The interfaces are read locally:
// nothing is sent.
func roomHosts(listen string, interfaces func() ([]net.Interface, error)) []string {
	if ip := net.ParseIP(listen); ip != nil && !ip.IsUnspecified() {
		return []string{ip.String()}
	}
	var v4, v6 []string
	ifs, _ := interfaces()
	for _, ifc := range ifs {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, _ := ifc.Addrs()
		for _, addr := range addrs {
			ipn, ok := addr.(*net.IPNet)
			if !ok || ipn.IP.IsLoopback() || ipn.IP.IsLinkLocalUnicast() || ipn.IP.IsMulticast() {
				continue
			}
			if ipn.IP.To4() != nil {
				v4 = append(v4, ipn.IP.String())
			} else if listen == "" || listen == "::" {
				v6 = append(v6, ipn.IP.String())
			}
		}
	}
	hosts := append(v4, v6...)
	if len(hosts) == 0 {
		hosts = []string{"127.0.0.1"}
	}
	return hosts
}
