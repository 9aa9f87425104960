package salle

import (
	"crypto/hmac"
	"crypto/sha256"
	"net"
	"sync"
	"time"
)

// Limits bound what the network may ask of the room. The zero value is
// never used: Serve takes defaultLimits (tests change them).
type limits struct {
	MaxBody      int64         // a posted form, bytes
	MaxHeader    int           // request headers, bytes
	ReadHeader   time.Duration // http.Server timeouts
	Read         time.Duration
	Write        time.Duration
	Idle         time.Duration
	Wait         time.Duration // the longest a page's refresh request waits for a change
	Gone         time.Duration // a phone not heard of for this long is counted as gone (its votes stay)
	Rate         float64       // requests per second per address, on average
	Burst        float64       // requests at once per address
	Conns        int           // connections at once, both listeners together (0: from Max)
	CodeFree     int           // wrong codes from one address before it is slowed
	CodeRefuse   int           // wrong codes from one address before it is refused for CodeForget
	CodeForget   time.Duration // how long an address's wrong codes are remembered
	SSHIdle      time.Duration // an SSH session without a key pressed for this long is closed
	SSHHandshake time.Duration
}

var defaultLimits = limits{
	MaxBody: 4 << 10, MaxHeader: 8 << 10,
	ReadHeader: 5 * time.Second, Read: 10 * time.Second, Write: 30 * time.Second, Idle: 60 * time.Second,
	Wait: 20 * time.Second, Gone: 10 * time.Minute,
	Rate: 10, Burst: 30,
	CodeFree: 3, CodeRefuse: 10, CodeForget: 15 * time.Minute,
	SSHIdle: 30 * time.Minute, SSHHandshake: 10 * time.Second,
}

// addrKey is what the limiters remember of an address: a keyed hash, never
// the address, forgotten a while after its last request.
type addrKey [16]byte

func (g *guard) key(addr string) addrKey {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	m := hmac.New(sha256.New, g.secret)
	m.Write([]byte(host))
	var k addrKey
	copy(k[:], m.Sum(nil))
	return k
}

// guard holds the per-address rate limits and wrong-code counts of both
// listeners.
type guard struct {
	mu     sync.Mutex
	lim    limits
	secret []byte
	now    func() time.Time
	rate   map[addrKey]*bucket
	codes  map[addrKey]*strikes
	swept  time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

type strikes struct {
	n    int
	last time.Time
}

func newGuard(lim limits, secret []byte) *guard {
	return &guard{lim: lim, secret: secret, now: time.Now, rate: map[addrKey]*bucket{}, codes: map[addrKey]*strikes{}}
}

// allow takes one request from addr's bucket.
func (g *guard) allow(addr string) bool {
	k := g.key(addr)
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	g.sweep(now)
	b := g.rate[k]
	if b == nil {
		b = &bucket{tokens: g.lim.Burst, at: now}
		g.rate[k] = b
	}
	b.tokens = min(g.lim.Burst, b.tokens+now.Sub(b.at).Seconds()*g.lim.Rate)
	b.at = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// sweep forgets the addresses not heard of for a while. Called with the
// lock held.
func (g *guard) sweep(now time.Time) {
	if now.Sub(g.swept) < time.Minute {
		return
	}
	g.swept = now
	for k, b := range g.rate {
		if now.Sub(b.at) > time.Minute {
			delete(g.rate, k)
		}
	}
	for k, s := range g.codes {
		if now.Sub(s.last) > g.lim.CodeForget {
			delete(g.codes, k)
		}
	}
}

// codeWait says how long addr must wait before trying a code again: 0 when
// it may try now; refused when it tried too many wrong codes.
func (g *guard) codeWait(addr string) (wait time.Duration, refused bool) {
	k := g.key(addr)
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	s := g.codes[k]
	if s == nil || now.Sub(s.last) > g.lim.CodeForget {
		return 0, false
	}
	if s.n >= g.lim.CodeRefuse {
		return g.lim.CodeForget - now.Sub(s.last), true
	}
	if s.n < g.lim.CodeFree {
		return 0, false
	}
	delay := time.Second << min(s.n-g.lim.CodeFree, 6) // 1 s, 2 s, 4 s… at most 64 s
	return max(0, delay-now.Sub(s.last)), false
}

// wrongCode counts a wrong code from addr.
func (g *guard) wrongCode(addr string) {
	k := g.key(addr)
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	s := g.codes[k]
	if s == nil || now.Sub(s.last) > g.lim.CodeForget {
		s = &strikes{}
		g.codes[k] = s
	}
	s.n++
	s.last = now
}

// checkCode checks a join code from addr: ErrCode when wrong, errSlow when
// the address must wait (after repeated wrong codes) or is refused.
func (g *guard) checkCode(addr, want, got string) error {
	if wait, refused := g.codeWait(addr); refused || wait > 0 {
		return errSlow
	}
	if !hmac.Equal([]byte(want), []byte(got)) {
		g.wrongCode(addr)
		return ErrCode
	}
	return nil
}

// limitListener accepts at most n connections at once; the others wait in
// the kernel's queue.
type limitListener struct {
	net.Listener
	sem chan struct{}
}

func (l *limitListener) Accept() (net.Conn, error) {
	l.sem <- struct{}{}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.sem
		return nil, err
	}
	return &limitConn{Conn: c, release: func() { <-l.sem }}, nil
}

type limitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
