package salle_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/conduite/conduite/internal/contenttest"
	"github.com/conduite/conduite/salle"
	tuisalle "github.com/conduite/conduite/tui/salle"
)

func testRoom(t testing.TB, max int) *salle.Room {
	t.Helper()
	c := contenttest.Content(t)
	k, ok := c.Cases.Get("discord-classe")
	if !ok {
		t.Fatal("no case discord-classe")
	}
	r, err := salle.New(salle.Config{Content: c, Case: k, Code: "4821", Max: max})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func testServer(t testing.TB, r *salle.Room, lim salle.Limits) *salle.Server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s, err := salle.ServeWith(ctx, r, salle.ServeConfig{Listen: "127.0.0.1", Lang: "fr", App: tuisalle.NewParticipant}, lim, nil)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		sctx, c := context.WithTimeout(context.Background(), 5*time.Second)
		defer c()
		if err := s.Shutdown(sctx); err != nil {
			t.Errorf("shutdown: %v", err)
		}
	})
	return s
}

// phone is a browser: a cookie jar, no redirect followed by itself.
type phone struct {
	t    testing.TB
	base string
	c    *http.Client
}

func newJar() *cookiejar.Jar {
	j, _ := cookiejar.New(nil)
	return j
}

func newPhone(t testing.TB, s *salle.Server) *phone {
	jar, _ := cookiejar.New(nil)
	return &phone{t: t, base: "http://" + s.HTTPAddr().String(), c: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (p *phone) do(req *http.Request) (int, string) {
	p.t.Helper()
	resp, err := p.c.Do(req)
	if err != nil {
		p.t.Error(err) // not Fatal: the load test's phones run on goroutines of their own
		return 0, ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (p *phone) get(path string) (int, string) {
	req, _ := http.NewRequest(http.MethodGet, p.base+path, nil)
	req.Header.Set("Accept-Language", "fr-FR,fr;q=0.9")
	return p.do(req)
}

func (p *phone) post(path string, form url.Values) (int, string) {
	req, _ := http.NewRequest(http.MethodPost, p.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return p.do(req)
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (p *phone) csrf() string {
	p.t.Helper()
	_, body := p.get("/")
	m := csrfRe.FindStringSubmatch(body)
	if m == nil {
		p.t.Fatalf("no csrf token in\n%s", body)
	}
	return m[1]
}

func (p *phone) join(code string) int {
	p.t.Helper()
	st, _ := p.post("/join", url.Values{"code": {code}, "csrf": {p.csrf()}})
	return st
}

func (p *phone) vote(step string, values ...string) (int, string) {
	p.t.Helper()
	return p.post("/vote", url.Values{"csrf": {p.csrf()}, "step": {step}, "v": values})
}

func TestPhoneJoinsAndVotes(t *testing.T) {
	r := testRoom(t, 10)
	s := testServer(t, r, salle.DefaultLimits)
	p := newPhone(t, s)
	resp, err := p.c.Get(p.base + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "script-src 'nonce-") || strings.Contains(csp, "unsafe") {
		t.Errorf("CSP %q", csp)
	}
	if st := p.join("4821"); st != http.StatusSeeOther {
		t.Fatalf("join: %d", st)
	}
	u, _ := url.Parse(p.base)
	cs := p.c.Jar.Cookies(u)
	if len(cs) != 1 || cs[0].Name != "salle" || len(cs[0].Value) != 32 {
		t.Fatalf("cookies %v", cs)
	}
	if n := r.Snapshot().Participants; n != 1 {
		t.Fatalf("%d participants", n)
	}
	_, body := p.get("/")
	if !strings.Contains(body, "Vous êtes dans la salle") {
		t.Errorf("lobby page:\n%s", body)
	}
	if err := r.OpenVote(0); err != nil {
		t.Fatal(err)
	}
	step := r.Snapshot().Steps[0]
	if st, _ := p.vote("0", step.Values[0]); st != http.StatusSeeOther {
		t.Fatalf("vote: %d", st)
	}
	if st, _ := p.vote("0", step.Answer...); st != http.StatusSeeOther {
		t.Fatalf("second vote: %d", st)
	}
	s0 := r.Snapshot()
	if s0.Voters != 1 || s0.Tally[step.Answer[0]] != 1 {
		t.Errorf("tally %v voters %d", s0.Tally, s0.Voters)
	}
	_, body = p.get("/")
	if !strings.Contains(body, "Votre vote :") || !strings.Contains(body, " checked") || !strings.Contains(body, "Question 1 sur") {
		t.Errorf("page after the vote:\n%s", body)
	}
	if strings.Contains(body, "http://") || strings.Contains(body, "https://") || strings.Contains(body, "src=") {
		t.Errorf("an external resource on the page:\n%s", body)
	}
	if err := r.CloseVote(); err != nil {
		t.Fatal(err)
	}
	if st, _ := p.vote("0", step.Values[0]); st != http.StatusConflict {
		t.Errorf("vote on a closed step: %d, want 409", st)
	}
	if got := r.Mine(salle.Participant(cs[0].Value), 0); len(got) == 0 || got[0] != step.Answer[0] {
		t.Errorf("the vote changed after closing: %v", got)
	}
	// English, chosen
	st, _ := p.post("/lang", url.Values{"csrf": {p.csrf()}, "lang": {"en"}})
	if _, body = p.get("/"); st != http.StatusSeeOther || !strings.Contains(body, "Vote closed") {
		t.Errorf("after choosing English (%d):\n%s", st, body)
	}
}

func TestPhoneQRLinkJoins(t *testing.T) {
	r := testRoom(t, 10)
	s := testServer(t, r, salle.DefaultLimits)
	p := newPhone(t, s)
	u, _ := url.Parse(s.URL("127.0.0.1"))
	if st, _ := p.get(u.RequestURI()); st != http.StatusSeeOther || r.Snapshot().Participants != 1 {
		t.Fatalf("QR link: %d, %d participants", st, r.Snapshot().Participants)
	}
}

func TestBadInput(t *testing.T) {
	r := testRoom(t, 3)
	lim := salle.DefaultLimits
	s := testServer(t, r, lim)
	p := newPhone(t, s)
	if st := p.join("1111"); st != http.StatusForbidden {
		t.Errorf("wrong code: %d, want 403", st)
	}
	if st := p.join("4821"); st != http.StatusSeeOther {
		t.Fatalf("join: %d", st)
	}
	if err := r.OpenVote(0); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		form url.Values
		want int
	}{
		{"unknown value", url.Values{"step": {"0"}, "v": {"nope"}}, http.StatusUnprocessableEntity},
		{"no value", url.Values{"step": {"0"}}, http.StatusUnprocessableEntity},
		{"closed step", url.Values{"step": {"1"}, "v": {"x"}}, http.StatusConflict},
		{"no such step", url.Values{"step": {"999"}, "v": {"x"}}, http.StatusUnprocessableEntity},
		{"step not a number", url.Values{"step": {"zero"}, "v": {"x"}}, http.StatusBadRequest},
		{"no csrf", url.Values{"step": {"0"}, "v": {"x"}, "csrf": {""}}, http.StatusForbidden},
		{"wrong csrf", url.Values{"step": {"0"}, "v": {"x"}, "csrf": {"AAAAAAAAAAAAAAAAAAAAAAAA"}}, http.StatusForbidden},
	}
	for _, c := range cases {
		if _, ok := c.form["csrf"]; !ok {
			c.form.Set("csrf", p.csrf())
		}
		if st, _ := p.post("/vote", c.form); st != c.want {
			t.Errorf("%s: %d, want %d", c.name, st, c.want)
		}
	}
	big := url.Values{"csrf": {p.csrf()}, "step": {"0"}, "v": {strings.Repeat("a", 8<<10)}}
	if st, _ := p.post("/vote", big); st != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized form: %d, want 413", st)
	}
	req, _ := http.NewRequest(http.MethodPost, p.base+"/vote", strings.NewReader("%zz=%%%&&"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if st, _ := p.do(req); st != http.StatusBadRequest {
		t.Errorf("malformed form: %d, want 400", st)
	}
	req, _ = http.NewRequest(http.MethodGet, p.base+"/", nil)
	req.Header.Set("X-Big", strings.Repeat("b", 64<<10))
	if st, _ := p.do(req); st != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("oversized header: %d, want 431", st)
	}
	req, _ = http.NewRequest(http.MethodPost, p.base+"/vote", strings.NewReader(url.Values{"csrf": {p.csrf()}, "step": {"0"}, "v": {"x"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if st, _ := p.do(req); st != http.StatusForbidden {
		t.Errorf("cross-site post: %d, want 403", st)
	}
	if st, _ := p.get("/nope"); st != http.StatusNotFound {
		t.Errorf("unknown page: %d", st)
	}
	req, _ = http.NewRequest(http.MethodDelete, p.base+"/vote", nil)
	if st, _ := p.do(req); st != http.StatusMethodNotAllowed {
		t.Errorf("DELETE: %d", st)
	}
	stranger := newPhone(t, s)
	if st, _ := stranger.post("/vote", url.Values{"step": {"0"}, "v": {"x"}}); st != http.StatusForbidden {
		t.Errorf("vote without joining: %d", st)
	}
	// the room is unharmed
	snap := r.Snapshot()
	if snap.Voters != 0 || snap.Participants != 1 || snap.Phase != salle.Voting {
		t.Errorf("room after bad input: %+v", snap)
	}
	if st, _ := p.vote("0", snap.Steps[0].Values[0]); st != http.StatusSeeOther {
		t.Errorf("a good vote after bad input: %d", st)
	}
}

func TestFullRoom(t *testing.T) {
	r := testRoom(t, 2)
	s := testServer(t, r, salle.DefaultLimits)
	for i := range 3 {
		want := http.StatusSeeOther
		if i == 2 {
			want = http.StatusServiceUnavailable
		}
		if st := newPhone(t, s).join("4821"); st != want {
			t.Errorf("join %d: %d, want %d", i+1, st, want)
		}
	}
}

func TestWrongCodesSlowedThenRefused(t *testing.T) {
	r := testRoom(t, 10)
	lim := salle.DefaultLimits
	lim.CodeFree, lim.CodeRefuse = 3, 5
	s := testServer(t, r, lim)
	p := newPhone(t, s)
	for i := range 3 {
		if st := p.join("0000"); st != http.StatusForbidden {
			t.Errorf("wrong code %d: %d, want 403", i+1, st)
		}
	}
	if st := p.join("4821"); st != http.StatusTooManyRequests {
		t.Errorf("right code at once after 3 wrong ones: %d, want 429 (slowed)", st)
	}
	time.Sleep(1100 * time.Millisecond)
	if st := p.join("0000"); st != http.StatusForbidden {
		t.Errorf("a wrong code after waiting: %d, want 403", st)
	}
	time.Sleep(2100 * time.Millisecond)
	if st := p.join("0000"); st != http.StatusForbidden {
		t.Errorf("the fifth wrong code: %d, want 403", st)
	}
	time.Sleep(100 * time.Millisecond)
	if st := p.join("4821"); st != http.StatusTooManyRequests {
		t.Errorf("right code after 5 wrong ones: %d, want 429 (refused)", st)
	}
	if r.Snapshot().Participants != 0 {
		t.Error("somebody joined")
	}
}

func TestFloodIsRateLimited(t *testing.T) {
	r := testRoom(t, 10)
	lim := salle.DefaultLimits
	lim.Rate, lim.Burst = 5, 10
	s := testServer(t, r, lim)
	p := newPhone(t, s)
	limited := 0
	for range 40 {
		if st, _ := p.get("/"); st == http.StatusTooManyRequests {
			limited++
		}
	}
	if limited < 25 {
		t.Errorf("%d of 40 requests limited, want ≥ 25", limited)
	}
	if snap := r.Snapshot(); snap.Participants != 0 || snap.Version != 0 {
		t.Errorf("room after the flood: %+v", snap)
	}
}

func TestServeNeedsAnApp(t *testing.T) {
	if _, err := salle.Serve(context.Background(), testRoom(t, 1), salle.ServeConfig{Listen: "127.0.0.1"}); !errors.Is(err, salle.ErrConfig) {
		t.Errorf("Serve without App: %v", err)
	}
}

func TestPhoneGoneThenBack(t *testing.T) {
	r := testRoom(t, 10)
	lim := salle.DefaultLimits
	lim.Gone = 200 * time.Millisecond
	s := testServer(t, r, lim)
	p := newPhone(t, s)
	if st := p.join("4821"); st != http.StatusSeeOther {
		t.Fatalf("join: %d", st)
	}
	if err := r.OpenVote(0); err != nil {
		t.Fatal(err)
	}
	if st, _ := p.vote("0", r.Snapshot().Steps[0].Values[0]); st != http.StatusSeeOther {
		t.Fatalf("vote: %d", st)
	}
	waitRoom(t, r, func(s salle.Snapshot) bool { return s.Participants == 0 })
	if r.Snapshot().Voters != 1 {
		t.Error("the vote left with the phone")
	}
	if st, body := p.get("/"); st != http.StatusOK || !strings.Contains(body, "Votre vote :") {
		t.Errorf("back: %d\n%s", st, body)
	}
	if r.Snapshot().Participants != 1 {
		t.Error("the phone did not come back")
	}
}

func TestConnectionFlood(t *testing.T) {
	r := testRoom(t, 10)
	lim := salle.DefaultLimits
	lim.Conns, lim.ReadHeader = 20, 300*time.Millisecond
	s := testServer(t, r, lim)
	var conns []net.Conn
	for range 60 { // connections that never send a request
		c, err := net.Dial("tcp", s.HTTPAddr().String())
		if err != nil {
			break
		}
		conns = append(conns, c)
	}
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	p := newPhone(t, s)
	start := time.Now()
	if st := p.join("4821"); st != http.StatusSeeOther {
		t.Fatalf("a phone after the flood: %d", st)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("the phone waited %v", d)
	}
	if snap := r.Snapshot(); snap.Participants != 1 {
		t.Errorf("room after the flood: %+v", snap)
	}
}

// Nothing is logged: the SSH library logs panics with the client's address
// through slog, which Serve silences.
func TestServeLogsNothing(t *testing.T) {
	testServer(t, testRoom(t, 1), salle.DefaultLimits)
	if slog.Default().Enabled(context.Background(), slog.LevelError) {
		t.Error("the default slog logger still writes")
	}
}
