package salle_test

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/conduite/conduite/questionnaire"
	"github.com/conduite/conduite/salle"
	tuisalle "github.com/conduite/conduite/tui/salle"
)

var (
	loadN      = flag.Int("salle.load", 0, "participants of TestLoad, the server in a process of its own (0: a small room in this process; 9 under -short)")
	loadSSH    = flag.Float64("salle.ssh", 1.0/3, "TestLoad: the share of participants over SSH (the others are phones)")
	loadSpread = flag.Duration("salle.spread", 2*time.Second, "TestLoad: participants vote at random over this long after a vote opens (0: all at once)")
)

// TestLoad fills a room over loopback, two thirds phones (net/http
// clients), one third SSH terminals (x/crypto/ssh with a pty), each voting
// on every step; it checks the tally exactly and measures, from a vote
// sent to the room's snapshot showing it (a subscriber's timestamp, as the
// trainer's screen gets it), p50 and p99. With -salle.load=N the room runs
// in a child process (this test binary again), whose peak RSS and CPU are
// the server's alone; without, a small room runs in this process, so that
// the race detector sees both sides.
//
//	go test ./salle -run TestLoad -salle.load=500 -v
func TestLoad(t *testing.T) {
	n, child, spread := *loadN, true, *loadSpread
	if n == 0 {
		n, child, spread = 30, false, min(spread, 100*time.Millisecond)
		if testing.Short() {
			n = 9
		}
	}
	var srv loadServer
	if child {
		srv = startChild(t, n)
	} else {
		srv = startInProcess(t, n)
	}
	httpAddr, sshAddr, code := srv.addrs()

	nSSH := int(float64(n) * *loadSSH)
	phones := make([]*loadPhone, n-nSSH)
	terms := make([]*term, nSSH)
	sshIndex := map[string]int{} // a client's local address → its index
	var mu sync.Mutex
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range phones {
		wg.Go(func() {
			lp, err := joinPhone(t, httpAddr, code, i)
			if err != nil {
				errs <- err
				return
			}
			phones[i] = lp
		})
	}
	for j := range terms {
		i := len(phones) + j
		wg.Go(func() {
			c, err := dialSSH(t, sshAddr, code, nil)
			if err != nil {
				errs <- err
				return
			}
			mu.Lock()
			sshIndex[c.LocalAddr().String()] = i
			mu.Unlock()
			w, err := startTerm(t, c)
			if err != nil {
				errs <- err
				return
			}
			terms[j] = w
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	srv.waitParticipants(t, n)

	steps := srv.steps()
	sent := make([][]int64, n) // when participant i sent its vote on each step (unix ns)
	for i := range sent {
		sent[i] = make([]int64, len(steps))
	}
	loc := contentFR(t)
	wall0 := time.Now()
	for k, st := range steps {
		title := "conduite · " + salle.Describe(loc.c, loc.l, salle.Snapshot{Steps: steps, Current: k, Phase: salle.Voting}, k).Counter +
			" · " + salle.PhaseLabel(loc.l, salle.Voting)
		srv.open(t, k)
		errs := make(chan error, n)
		for i := range n {
			delay := time.Duration(0)
			if spread > 0 {
				delay = rand.N(spread)
			}
			value := (i + k) % len(st.Values)
			wg.Go(func() {
				var at int64
				var err error
				if i < len(phones) {
					at, err = phones[i].vote(k, st.Values[value], delay)
				} else {
					at, err = terms[i-len(phones)].voteOn(title, value, delay)
				}
				sent[i][k] = at
				if err != nil {
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("step %d: %v", k, err)
		}
		want := map[string]int{}
		for i := range n {
			want[st.Values[(i+k)%len(st.Values)]]++
		}
		srv.checkTally(t, k, n, want)
	}
	wall := time.Since(wall0)
	res := srv.finish(t)

	index := map[salle.Participant]int{}
	for i, lp := range phones {
		index[lp.p] = i
	}
	for p, addr := range res.SSH {
		i, ok := sshIndex[addr]
		if !ok {
			t.Fatalf("an SSH participant from %s unknown", addr)
		}
		index[p] = i
	}
	var lat, latHTTP, latSSH, latRoom []time.Duration
	for _, v := range res.Votes {
		i, ok := index[v.P]
		if !ok {
			t.Fatalf("a vote from an unknown participant")
		}
		at := firstShowing(res.Seen, v.Version)
		if at == 0 {
			t.Fatalf("no snapshot shows version %d", v.Version)
		}
		d := time.Duration(at - sent[i][v.Step])
		lat = append(lat, d)
		latRoom = append(latRoom, time.Duration(at-v.At))
		if i < len(phones) {
			latHTTP = append(latHTTP, d)
		} else {
			latSSH = append(latSSH, d)
		}
	}
	if len(lat) != n*len(steps) {
		t.Fatalf("%d votes recorded, want %d", len(lat), n*len(steps))
	}
	q := func(l []time.Duration) string {
		if len(l) == 0 {
			return "-"
		}
		slices.Sort(l)
		return fmt.Sprintf("p50 %v p99 %v", l[len(l)/2].Round(100*time.Microsecond), l[len(l)*99/100].Round(100*time.Microsecond))
	}
	where := "this process (server and clients together)"
	if child {
		where = "the server's process"
	}
	p99 := func() time.Duration { slices.Sort(lat); return lat[len(lat)*99/100] }()
	load, _ := os.ReadFile("/proc/loadavg")
	t.Logf("participants %d (%d HTTP, %d SSH), %d steps, %d votes, spread %v: vote sent → snapshot %s (HTTP %s, SSH %s; vote taken → snapshot %s); %s: peak RSS %d MiB, CPU %.2f s over %.1f s of voting (%.0f%% of one core); the test's own CPU %.2f s; load average %s",
		n, len(phones), nSSH, len(steps), len(lat), spread, q(lat), q(latHTTP), q(latSSH), q(latRoom), where, res.RSS>>20,
		res.CPU.Seconds(), wall.Seconds(), 100*res.CPU.Seconds()/wall.Seconds(), cpuTime().Seconds(), strings.TrimSpace(string(load)))
	if child && n >= 500 {
		if p99 > 100*time.Millisecond {
			t.Errorf("p99 %v, target ≤ 100 ms", p99)
		}
		if res.RSS > 150<<20 {
			t.Errorf("peak RSS %d MiB, target ≤ 150 MiB", res.RSS>>20)
		}
	}
}

type frLoc struct {
	c *questionnaire.Content
	l questionnaire.Localizer
}

func contentFR(t testing.TB) frLoc {
	r := testRoom(t, 1)
	return frLoc{c: r.Content(), l: r.Content().Texts.For(questionnaire.FR)}
}

// loadResult is what the server side saw.
type loadResult struct {
	Votes []loadVote
	SSH   map[salle.Participant]string // SSH participant → the client's address
	Seen  []seenSnap                   // the subscriber's snapshots, in order
	RSS   int64
	CPU   time.Duration
}

type loadVote struct {
	P       salle.Participant
	Step    int
	Version uint64
	At      int64 // when the room took it (unix ns)
}

type seenSnap struct {
	V  uint64
	At int64
}

func firstShowing(seen []seenSnap, v uint64) int64 {
	i, _ := slices.BinarySearchFunc(seen, v, func(s seenSnap, v uint64) int {
		switch {
		case s.V < v:
			return -1
		case s.V > v:
			return 1
		}
		return 0
	})
	if i == len(seen) {
		return 0
	}
	return seen[i].At
}

// loadServer is the room under load, in this process or a child.
type loadServer interface {
	addrs() (http, ssh net.Addr, code string)
	steps() []salle.Step
	waitParticipants(t *testing.T, n int)
	open(t *testing.T, step int)
	checkTally(t *testing.T, step, voters int, want map[string]int) // waits for the votes, checks, closes the vote
	finish(t *testing.T) loadResult
}

// roomUnderLoad is the server side: the room, its network, a subscriber
// noting each snapshot's arrival and a hook noting each vote's version.
type roomUnderLoad struct {
	r      *salle.Room
	s      *salle.Server
	mu     sync.Mutex
	res    loadResult
	cancel func()
	done   chan struct{}
}

func newRoomUnderLoad(t testing.TB, n int) (*roomUnderLoad, error) {
	u := &roomUnderLoad{r: testRoom(t, n), res: loadResult{SSH: map[salle.Participant]string{}}, done: make(chan struct{})}
	salle.OnVote(u.r, func(p salle.Participant, step int, v uint64) {
		u.mu.Lock()
		u.res.Votes = append(u.res.Votes, loadVote{p, step, v, time.Now().UnixNano()})
		u.mu.Unlock()
	})
	lim := salle.DefaultLimits
	lim.Rate, lim.Burst = 1e9, 1e9 // every client comes from 127.0.0.1; a room's phones each have their own address
	ctx, cancel := context.WithCancel(context.Background())
	s, err := salle.ServeWith(ctx, u.r, salle.ServeConfig{Listen: "127.0.0.1", Lang: "fr", App: tuisalle.NewParticipant}, lim,
		func(p salle.Participant, remote net.Addr) {
			u.mu.Lock()
			u.res.SSH[p] = remote.String()
			u.mu.Unlock()
		})
	if err != nil {
		cancel()
		return nil, err
	}
	u.s = s
	updates, unsub := u.r.Subscribe()
	u.cancel = func() { unsub(); cancel() }
	go func() {
		defer close(u.done)
		for snap := range updates {
			at := time.Now().UnixNano()
			u.mu.Lock()
			u.res.Seen = append(u.res.Seen, seenSnap{snap.Version, at})
			u.mu.Unlock()
		}
	}()
	return u, nil
}

func (u *roomUnderLoad) result() loadResult {
	u.cancel()
	<-u.done
	_ = u.s.Shutdown(context.Background())
	u.mu.Lock()
	defer u.mu.Unlock()
	res := u.res
	res.RSS, res.CPU = peakRSS(), cpuTime()
	return res
}

// inProcess runs the room in this process.
type inProcess struct{ u *roomUnderLoad }

func startInProcess(t *testing.T, n int) loadServer {
	u, err := newRoomUnderLoad(t, n)
	if err != nil {
		t.Fatal(err)
	}
	return &inProcess{u}
}

func (p *inProcess) addrs() (net.Addr, net.Addr, string) {
	return p.u.s.HTTPAddr(), p.u.s.SSHAddr(), "4821"
}
func (p *inProcess) steps() []salle.Step { return p.u.r.Snapshot().Steps }
func (p *inProcess) waitParticipants(t *testing.T, n int) {
	waitRoom(t, p.u.r, func(s salle.Snapshot) bool { return s.Participants == n })
}
func (p *inProcess) open(t *testing.T, step int) {
	if err := p.u.r.OpenVote(step); err != nil {
		t.Fatal(err)
	}
}
func (p *inProcess) checkTally(t *testing.T, step, voters int, want map[string]int) {
	waitRoom(t, p.u.r, func(s salle.Snapshot) bool { return s.Voters == voters })
	if got := p.u.r.Snapshot().Tally; !maps.Equal(got, want) {
		t.Fatalf("step %d: tally %v, want %v", step, got, want)
	}
	if err := p.u.r.CloseVote(); err != nil {
		t.Fatal(err)
	}
}
func (p *inProcess) finish(*testing.T) loadResult { return p.u.result() }

// TestLoadServerProcess is the child of TestLoad -salle.load: it serves a
// room and takes orders on its standard input, one a line (open K, tally
// K VOTERS, participants N, quit), answering each with one JSON line.
func TestLoadServerProcess(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("SALLE_LOAD_CHILD"))
	if n == 0 {
		t.Skip("the child of TestLoad -salle.load")
	}
	u, err := newRoomUnderLoad(t, n)
	if err != nil {
		t.Fatal(err)
	}
	if path := os.Getenv("SALLE_LOAD_CPU"); path != "" {
		if f, err := os.Create(path); err == nil {
			_ = pprof.StartCPUProfile(f)
			defer func() { pprof.StopCPUProfile(); _ = f.Close() }()
		}
	}
	out := json.NewEncoder(os.Stdout)
	_ = out.Encode(map[string]any{"http": u.s.HTTPAddr().String(), "ssh": u.s.SSHAddr().String(), "steps": u.r.Snapshot().Steps})
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		f := strings.Fields(in.Text())
		switch f[0] {
		case "open":
			k, _ := strconv.Atoi(f[1])
			_ = out.Encode(map[string]any{"err": fmt.Sprint(u.r.OpenVote(k))})
		case "wait": // wait VOTERS PARTICIPANTS: until the room has them, or 30 s
			voters, _ := strconv.Atoi(f[1])
			parts, _ := strconv.Atoi(f[2])
			deadline := time.Now().Add(30 * time.Second)
			s := u.r.Snapshot()
			for (s.Voters < voters || s.Participants < parts) && time.Now().Before(deadline) {
				time.Sleep(5 * time.Millisecond)
				s = u.r.Snapshot()
			}
			_ = out.Encode(map[string]any{"tally": s.Tally, "voters": s.Voters, "participants": s.Participants})
		case "close":
			_ = out.Encode(map[string]any{"err": fmt.Sprint(u.r.CloseVote())})
		case "quit":
			pprof.StopCPUProfile()
			if path := os.Getenv("SALLE_LOAD_HEAP"); path != "" {
				if f, err := os.Create(path); err == nil {
					_ = pprof.WriteHeapProfile(f)
					_ = f.Close()
				}
			}
			if path := os.Getenv("SALLE_LOAD_STATS"); path != "" {
				writeStats(path)
			}
			_ = out.Encode(u.result())
			return
		}
	}
}

// writeStats writes, with every participant still connected, the memory
// of the process as the runtime counts it (runtime/metrics), its RSS now,
// then its goroutines' stacks.
func writeStats(path string) {
	f, err := os.Create(path)
	if err != nil {
		return
	}
	defer f.Close()
	names := []string{"/memory/classes/heap/objects:bytes", "/memory/classes/heap/unused:bytes",
		"/memory/classes/heap/free:bytes", "/memory/classes/heap/released:bytes", "/memory/classes/heap/stacks:bytes",
		"/memory/classes/os-stacks:bytes", "/memory/classes/metadata/other:bytes", "/memory/classes/total:bytes",
		"/gc/heap/goal:bytes", "/gc/heap/live:bytes", "/sched/goroutines:goroutines", "/gc/cycles/total:gc-cycles"}
	samples := make([]metrics.Sample, len(names))
	for i, n := range names {
		samples[i].Name = n
	}
	metrics.Read(samples)
	for _, m := range samples {
		fmt.Fprintf(f, "%-42s %d\n", m.Name, m.Value.Uint64())
	}
	if data, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(l, "Vm") || strings.HasPrefix(l, "Rss") {
				fmt.Fprintln(f, l)
			}
		}
	}
	_ = pprof.Lookup("goroutine").WriteTo(f, 1)
}

// child runs TestLoadServerProcess in another process.
type child struct {
	cmd    *exec.Cmd
	in     *bufio.Writer
	inFile interface{ Close() error }
	out    *json.Decoder
	http   net.Addr
	ssh    net.Addr
	st     []salle.Step
}

func startChild(t *testing.T, n int) loadServer {
	cmd := exec.Command(os.Args[0], "-test.run=^TestLoadServerProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), "SALLE_LOAD_CHILD="+strconv.Itoa(n))
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, in: bufio.NewWriter(stdin), inFile: stdin, out: json.NewDecoder(stdout)}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	var hello struct {
		HTTP, SSH string
		Steps     []salle.Step
	}
	if err := c.out.Decode(&hello); err != nil {
		t.Fatalf("the child: %v", err)
	}
	c.http, _ = net.ResolveTCPAddr("tcp", hello.HTTP)
	c.ssh, _ = net.ResolveTCPAddr("tcp", hello.SSH)
	c.st = hello.Steps
	return c
}

func (c *child) ask(t *testing.T, order string, answer any) {
	t.Helper()
	fmt.Fprintln(c.in, order)
	if err := c.in.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := c.out.Decode(answer); err != nil {
		t.Fatalf("the child, after %q: %v", order, err)
	}
}

func (c *child) addrs() (net.Addr, net.Addr, string) { return c.http, c.ssh, "4821" }
func (c *child) steps() []salle.Step                 { return c.st }
func (c *child) waitParticipants(t *testing.T, n int) {
	var a struct{ Participants int }
	c.ask(t, fmt.Sprintf("wait 0 %d", n), &a)
	if a.Participants != n {
		t.Fatalf("%d participants, want %d", a.Participants, n)
	}
}
func (c *child) open(t *testing.T, step int) {
	var a struct{ Err string }
	if c.ask(t, "open "+strconv.Itoa(step), &a); a.Err != "<nil>" {
		t.Fatal(a.Err)
	}
}
func (c *child) checkTally(t *testing.T, step, voters int, want map[string]int) {
	var a struct {
		Tally  map[string]int
		Voters int
	}
	c.ask(t, fmt.Sprintf("wait %d 0", voters), &a)
	if a.Voters != voters || !maps.Equal(a.Tally, want) {
		t.Fatalf("step %d: tally %v (%d voters), want %v (%d)", step, a.Tally, a.Voters, want, voters)
	}
	var b struct{ Err string }
	if c.ask(t, "close", &b); b.Err != "<nil>" {
		t.Fatal(b.Err)
	}
}
func (c *child) finish(t *testing.T) loadResult {
	var res loadResult
	c.ask(t, "quit", &res)
	return res
}

// loadPhone is a phone of the load test: it waits for the step as the
// page's script does, then votes and follows the redirect as a browser.
type loadPhone struct {
	*phone
	p    salle.Participant
	csrf string
	key  string
}

func joinPhone(t *testing.T, addr net.Addr, code string, i int) (*loadPhone, error) {
	p := &phone{t: t, base: "http://" + addr.String()}
	jar := newJar()
	p.c = &http.Client{Jar: jar, Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1, DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := p.c.Get(p.base + "/?code=" + code)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("phone %d: join %d", i, resp.StatusCode)
	}
	u, _ := url.Parse(p.base)
	lp := &loadPhone{phone: p, p: salle.Participant(jar.Cookies(u)[0].Value)}
	_, body := lp.get("/")
	m := csrfRe.FindStringSubmatch(body)
	if m == nil {
		return nil, fmt.Errorf("phone %d: no csrf", i)
	}
	lp.csrf = m[1]
	lp.key = dataKey(body)
	return lp, nil
}

func dataKey(body string) string {
	_, after, _ := strings.Cut(body, `data-v="`)
	k, _, _ := strings.Cut(after, `"`)
	return k
}

func (lp *loadPhone) vote(step int, value string, think time.Duration) (int64, error) {
	want := strconv.Itoa(step) + "-" + strconv.Itoa(int(salle.Voting)) + "-"
	for !strings.HasPrefix(lp.key, want) {
		st, body := lp.get("/state?k=" + url.QueryEscape(lp.key))
		if st != http.StatusOK {
			return 0, fmt.Errorf("state: %d", st)
		}
		lp.key = body
	}
	if st, _ := lp.get("/"); st != http.StatusOK {
		return 0, fmt.Errorf("page: %d", st)
	}
	time.Sleep(think)
	at := time.Now().UnixNano()
	st, _ := lp.post("/vote", url.Values{"csrf": {lp.csrf}, "step": {strconv.Itoa(step)}, "v": {value}})
	if st != http.StatusSeeOther {
		return at, fmt.Errorf("vote: %d", st)
	}
	if st, _ := lp.get("/?ok=1"); st != http.StatusOK {
		return at, fmt.Errorf("page after the vote: %d", st)
	}
	return at, nil
}

// voteOn waits for the terminal's title to show the step open, then ticks
// the value at index and sends it.
func (w *term) voteOn(title string, index int, think time.Duration) (int64, error) {
	if !w.waitOutput([]byte("\x1b]2;"+title), 30*time.Second) {
		return 0, fmt.Errorf("title %q never shown", title)
	}
	time.Sleep(think)
	at := time.Now().UnixNano()
	_, err := w.in.Write([]byte(strings.Repeat("\x1b[B", index) + " \r"))
	return at, err
}

// peakRSS is the process's VmHWM, in bytes (0 when /proc is missing).
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
