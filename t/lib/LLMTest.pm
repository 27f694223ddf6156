package LLMTest;

# Test harness for ngx_http_llm_translate_module (core Perl only).
#
# SYNOPSIS
#
#   use lib 't/lib'; use Test::More; use LLMTest;
#   my $t = LLMTest->new(workers => 1, log_level => 'info');
#   my $mport = $t->start_mock(keys => ['k1', 'k2']);   # t/mock/mock.js
#   $t->write_config(<<'EOF');
#   %%TEST_GLOBALS%%
#   events { worker_connections 256; }      # added automatically if absent
#   http {
#       %%TEST_GLOBALS_HTTP%%
#       server {
#           listen 127.0.0.1:%%PORT_1%%;
#           location / { proxy_pass http://127.0.0.1:%%MOCK_PORT%%; }
#       }
#   }
#   EOF
#   $t->run;                       # dies with the error log if nginx fails
#   my $r = $t->post_json('/v1/chat/completions', {model => 'm', messages => [...]},
#                         headers => {Authorization => 'Bearer k1'});
#   is($r->{status}, 200); is($r->{json}{object}, 'chat.completion');
#   my $s = $t->sse('/v1/chat/completions', {stream => \1, ...}, headers => {...});
#   # $s->{events} = [{event, data, json, t, raw}], $s->{complete}, $s->{status}
#   $t->mock_script([{match => {key => 'k1'}, times => 1, status => 429,
#                     headers => {'retry-after' => '7'}}]);
#   my $reqs = $t->mock_requests;  # [{method,path,query,headers,body,json,key,dialect}]
#   $t->stop;                      # QUIT nginx + the [alert]/[crit]/[emerg]/ASan check
#   done_testing;                  # (or $t->done_testing, which does both)
#
# CONSTRUCTOR OPTIONS: workers (default 1), log_level (default info),
#   no_module => 1 (plain nginx: %%TEST_GLOBALS%% has no load_module),
#   expect_errors => [qr/.../, ...] (error.log lines matching these are not
#   counted as failures), no_log_check => 1, timeout (default 10 s).
#
# METHODS
#   prefix()                  the temp prefix dir (kept if TEST_LLM_KEEP=1)
#   port($n)                  the port behind %%PORT_n%% (n = 1..9)
#   start_mock(%o)            start node t/mock/mock.js on a free port, return it.
#                             o: keys => [...] (valid keys; default: any key not
#                             starting with bad/invalid), event_delay_ms => N.
#                             May be called several times (first = %%MOCK_PORT%%,
#                             all = %%MOCK_PORT_1%%, %%MOCK_PORT_2%% ...).
#   mock_port($i)             port of mock $i (default 0 = first)
#   write_config($text)       expand placeholders, write <prefix>/nginx.conf
#   test_config()             nginx -t; returns (exit code, output text)
#   run()                     start nginx (-p prefix/ -c nginx.conf -e error.log),
#                             wait until every listen port accepts
#   reload()                  HUP the master, wait for a new worker generation
#   stop()                    QUIT, then kill master + workers if they linger;
#                             then runs the error.log check as a test
#   done_testing()            stop() + Test::More::done_testing()
#   http($method, $path, headers => {}, body => '', port => N, timeout => S)
#       (port defaults to %%PORT_1%%; get($path, %o) = http('GET', ...))
#   post_json($path, $data_or_raw_string, headers => {}, port => N)
#       both return {status, headers (lowercased names), body, json (or undef)}
#       (status 599 = connection error, body holds the reason)
#   sse($path, $data_or_raw, headers => {}, port => N, timeout => S, method => 'POST')
#       reads the response incrementally; returns {status, headers, body,
#       json (if the body is a JSON document), t0 (request sent),
#       events => [{event, data, json, t (Time::HiRes receive time), raw}],
#       complete (1 when the body ended properly: chunked terminator or
#       content-length reached), error (read error text)}
#   mock_requests(port => N)  records since the last reset (array ref)
#   mock_script(\@rules, append => 0|1)  set scripted rules (see t/mock/mock.js)
#   mock_reset()              clear rules and records
#   mock_keys(\@keys | undef) change the mock's valid key set
#   mock(method, path, data)  raw call to the mock's control API
#   error_log()               content of <prefix>/error.log (+ stderr capture)
#   wait_for_log(qr//, $timeout)  wait until error.log matches; returns bool
#   expect_errors(qr//, ...)  declare error.log lines that may appear
#   worker_pids()             current worker pids (pgrep -P master)
#
# ENVIRONMENT: TEST_NGINX_BINARY (default /usr/sbin/nginx), TEST_NGINX_MODULE
#   (default <repo>/build/gcc/ngx_http_llm_translate_module.so; empty string =
#   static build, no load_module), TEST_LLM_NODE (default node), TEST_LLM_KEEP=1
#   keeps the prefix dir, TEST_LLM_TMPDIR (parent of prefixes),
#   TEST_LLM_HTTP2=1: "http2" is added to every "listen 127.0.0.1:N;" line and
#   requests to nginx ports go through curl --http2-prior-knowledge (mock
#   ports stay HTTP/1.1).  Tests can check $t->http2 to skip h1-only asserts.

use strict;
use warnings;

use Test::More ();
use HTTP::Tiny;
use IO::Socket::IP;
use IO::Select;
use JSON::PP ();
use File::Temp ();
use File::Spec;
use File::Basename qw(dirname);
use Cwd qw(abs_path);
use POSIX qw(WNOHANG);
use Time::HiRes qw(time sleep);

our $REPO = abs_path(File::Spec->catdir(dirname(abs_path(__FILE__)), '..', '..'));
our $JSON = JSON::PP->new->utf8->canonical->allow_nonref;
my @INSTANCES;
my %USED_PORTS;

sub new {
    my ($class, %o) = @_;
    my $tmpparent = $ENV{TEST_LLM_TMPDIR} || File::Spec->tmpdir;
    my $dir = File::Temp::tempdir('llmtest-XXXXXX', DIR => $tmpparent,
                                  CLEANUP => $ENV{TEST_LLM_KEEP} ? 0 : 1);
    my $self = bless {
        prefix    => $dir,
        workers   => $o{workers} // $o{worker_processes} // 1,
        log_level => $o{log_level} // 'info',
        timeout   => $o{timeout} // 10,
        expect    => [ @{ $o{expect_errors} || [] } ],
        no_log_check => $o{no_log_check},
        no_module => $o{no_module},
        ports     => {},
        mocks     => [],
        pid       => undef,
        workers_seen => {},
        checked   => 0,
        owner     => $$,
    }, $class;
    # workers run as nobody when the suite runs as root: they must be
    # able to write temp files (bodies beyond client_body_buffer_size)
    chmod 0755, $dir;
    mkdir "$dir/tmp";
    mkdir "$dir/logs";
    push @INSTANCES, $self;
    Test::More::diag("prefix $dir") if $ENV{TEST_LLM_KEEP};
    return $self;
}

sub prefix { $_[0]{prefix} }

sub free_port {
    for (1 .. 50) {
        my $s = IO::Socket::IP->new(LocalAddr => '127.0.0.1', LocalPort => 0,
                                    Proto => 'tcp', Listen => 1, ReuseAddr => 0)
            or next;
        my $p = $s->sockport;
        close $s;
        next if $USED_PORTS{$p}++;
        return $p;
    }
    die "LLMTest: cannot find a free port\n";
}

sub port {
    my ($self, $n) = @_;
    $n //= 1;
    return $self->{ports}{$n} //= free_port();
}

# ------------------------------------------------------------------ mock

sub start_mock {
    my ($self, %o) = @_;
    my $node = $ENV{TEST_LLM_NODE} || 'node';
    my $script = "$REPO/t/mock/mock.js";
    my $i = scalar @{ $self->{mocks} };
    my @args = ($script, '--port', $o{port} // 0, '--parent-pid', $$);
    if ($o{keys}) {
        my $kf = "$self->{prefix}/mock-keys-$i.txt";
        open my $fh, '>', $kf or die "LLMTest: $kf: $!\n";
        print $fh "$_\n" for @{ $o{keys} };
        close $fh;
        push @args, '--keys-file', $kf;
    }
    push @args, '--event-delay-ms', $o{event_delay_ms} if defined $o{event_delay_ms};
    pipe(my $rd, my $wr) or die "LLMTest: pipe: $!\n";
    my $log = "$self->{prefix}/mock-$i.log";
    my $pid = fork();
    die "LLMTest: fork: $!\n" unless defined $pid;
    if ($pid == 0) {
        close $rd;
        open STDOUT, '>&', $wr or POSIX::_exit(127);
        open STDERR, '>>', $log or POSIX::_exit(127);
        open STDIN, '<', '/dev/null';
        exec $node, @args or POSIX::_exit(127);
    }
    close $wr;
    my $sel = IO::Select->new($rd);
    my ($line, $port) = ('');
    my $deadline = time + 10;
    while (time < $deadline) {
        unless ($sel->can_read(0.2)) {
            last if waitpid($pid, WNOHANG) == $pid;
            next;
        }
        my $n = sysread($rd, my $buf, 4096);
        last unless $n;
        $line .= $buf;
        if ($line =~ /MOCK_LISTENING port=(\d+)/) { $port = $1; last; }
    }
    unless ($port) {
        kill 'KILL', $pid; waitpid($pid, 0);
        die "LLMTest: mock did not start:\n" . (slurp($log) // '') . "\n";
    }
    # keep reading stdout in the background is unnecessary; mock prints once
    push @{ $self->{mocks} }, { pid => $pid, port => $port, fh => $rd };
    return $port;
}

sub mock_port {
    my ($self, $i) = @_;
    my $m = $self->{mocks}[$i // 0] or die "LLMTest: no mock started\n";
    return $m->{port};
}

sub mock {
    my ($self, $method, $path, $data, %o) = @_;
    my $port = $o{port} // $self->mock_port($o{mock} // 0);
    my $r = $self->http($method, $path, port => $port,
        defined $data ? (body => (ref $data ? $JSON->encode($data) : $data),
                         headers => { 'Content-Type' => 'application/json' }) : ());
    die "LLMTest: mock $method $path failed: $r->{status} $r->{body}\n"
        unless $r->{status} == 200;
    return $r->{json};
}

sub mock_requests { my ($s, %o) = @_; $s->mock('GET', '/__mock/requests', undef, %o) }
sub mock_reset    { my ($s, %o) = @_; $s->mock('POST', '/__mock/reset', {}, %o) }
sub mock_script {
    my ($s, $rules, %o) = @_;
    $s->mock('POST', '/__mock/script', { rules => $rules, append => $o{append} ? \1 : \0 }, %o);
}
sub mock_keys { my ($s, $keys, %o) = @_; $s->mock('POST', '/__mock/keys', { keys => $keys }, %o) }

# ------------------------------------------------------------------ config

sub module_path {
    return $ENV{TEST_NGINX_MODULE} if defined $ENV{TEST_NGINX_MODULE};
    return "$REPO/build/gcc/ngx_http_llm_translate_module.so";
}

sub write_config {
    my ($self, $conf) = @_;
    my $p = $self->{prefix};
    my $mod = $self->{no_module} ? '' : module_path();
    my $globals = join "\n",
        ($mod ne '' ? "load_module $mod;" : ()),
        'daemon off;',
        'master_process on;',
        "worker_processes $self->{workers};",
        "pid $p/nginx.pid;",
        "error_log $p/error.log $self->{log_level};";
    my $ghttp = join "\n",
        "access_log $p/access.log;",
        "client_body_temp_path $p/tmp/body;",
        "proxy_temp_path $p/tmp/proxy;",
        "fastcgi_temp_path $p/tmp/fastcgi;",
        "uwsgi_temp_path $p/tmp/uwsgi;",
        "scgi_temp_path $p/tmp/scgi;";
    $conf =~ s/%%TEST_GLOBALS%%/$globals/g;
    $conf =~ s/%%TEST_GLOBALS_HTTP%%/$ghttp/g;
    $conf =~ s/%%PORT_(\d+)%%/$self->port($1)/ge;
    $conf =~ s/%%MOCK_PORT_(\d+)%%/$self->mock_port($1 - 1)/ge;
    $conf =~ s/%%MOCK_PORT%%/$self->mock_port(0)/ge;
    $conf =~ s/%%PREFIX%%/$p/g;
    $conf =~ s/%%REPO%%/$REPO/g;
    $conf .= "\nevents { worker_connections 1024; }\n" unless $conf =~ /^\s*events\s*\{/m;
    if ($ENV{TEST_LLM_HTTP2}) {
        $conf =~ s/(listen\s+127\.0\.0\.1:\d+)(\s*;)/$1 http2$2/g;
    }
    open my $fh, '>', "$p/nginx.conf" or die "LLMTest: $p/nginx.conf: $!\n";
    print $fh $conf;
    close $fh;
    $self->{conf} = $conf;
    return $conf;
}

sub listen_ports {
    my ($self) = @_;
    my %p;
    $p{$1} = 1 while ($self->{conf} // '') =~ /^\s*listen\s+(?:127\.0\.0\.1:|localhost:)?(\d+)\b/mg;
    return sort keys %p;
}

# ------------------------------------------------------------------ nginx

sub binary { $ENV{TEST_NGINX_BINARY} || '/usr/sbin/nginx' }

sub run {
    my ($self) = @_;
    die "LLMTest: write_config first\n" unless defined $self->{conf};
    die "LLMTest: nginx already running\n" if $self->{pid};
    my $p = $self->{prefix};
    my $pid = fork();
    die "LLMTest: fork: $!\n" unless defined $pid;
    if ($pid == 0) {
        open STDIN, '<', '/dev/null';
        open STDOUT, '>>', "$p/stderr.log";
        open STDERR, '>>', "$p/stderr.log";
        exec binary(), '-p', "$p/", '-c', 'nginx.conf', '-e', 'error.log'
            or POSIX::_exit(127);
    }
    $self->{pid} = $pid;
    my @ports = $self->listen_ports;
    my $deadline = time + $self->{timeout};
    my %up;
    while (time < $deadline) {
        if (waitpid($pid, WNOHANG) == $pid) {
            my $st = $?;
            $self->{pid} = undef;
            die "LLMTest: nginx exited (status $st) at startup:\n" . $self->error_log . "\n";
        }
        for my $port (@ports) {
            next if $up{$port};
            my $s = IO::Socket::IP->new(PeerAddr => '127.0.0.1', PeerPort => $port,
                                        Proto => 'tcp', Timeout => 1);
            if ($s) { $up{$port} = 1; close $s; }
        }
        if (keys %up == @ports && $self->worker_pids >= ($self->{workers} eq 'auto' ? 1 : $self->{workers} > 0 ? 1 : 0)) {
            $self->{workers_seen}{$_} = 1 for $self->worker_pids;
            return $self;
        }
        sleep 0.05;
    }
    my $log = $self->error_log;
    $self->_kill_all;
    die "LLMTest: nginx did not start listening on @ports:\n$log\n";
}

sub master_pid { $_[0]{pid} }

# nginx -t on the written config: returns (exit code, output)
sub test_config {
    my ($self) = @_;
    my $p = $self->{prefix};
    my $cmd = join ' ', map { "'$_'" } binary(), '-p', "$p/", '-c', 'nginx.conf', '-e', "$p/test-config.log", '-t';
    # "nginx -t" exits right after reading the configuration without
    # freeing it: under LeakSanitizer that is thousands of "leaks" of
    # nginx core's, and a non-zero exit status
    local $ENV{ASAN_OPTIONS} = ($ENV{ASAN_OPTIONS} // '') . ':detect_leaks=0'
        if $ENV{TEST_LLM_ASAN};
    my $out = `$cmd 2>&1`;
    my $rc = $? >> 8;
    $out .= slurp("$p/test-config.log") // '';
    return wantarray ? ($rc, $out) : $rc;
}

sub worker_pids {
    my ($self) = @_;
    return () unless $self->{pid};
    my @w = grep { /^\d+$/ } split /\s+/, (`pgrep -P $self->{pid} 2>/dev/null` // '');
    return @w;
}

sub reload {
    my ($self) = @_;
    die "LLMTest: nginx not running\n" unless $self->{pid};
    my %old = map { $_ => 1 } $self->worker_pids;
    kill 'HUP', $self->{pid};
    my $deadline = time + $self->{timeout};
    while (time < $deadline) {
        my @now = $self->worker_pids;
        $self->{workers_seen}{$_} = 1 for @now;
        my @new = grep { !$old{$_} } @now;
        if (@new) {
            # wait until the new generation is the only one serving (old ones
            # may linger while finishing requests; cap that wait)
            my $d2 = time + 3;
            while (time < $d2) {
                my %n = map { $_ => 1 } $self->worker_pids;
                last unless grep { $n{$_} } keys %old;
                sleep 0.05;
            }
            return $self;
        }
        sleep 0.05;
    }
    die "LLMTest: reload: no new workers appeared:\n" . $self->error_log . "\n";
}

sub _pid_alive {
    my $p = shift;
    return 0 unless $p && kill(0, $p);
    my $st = slurp("/proc/$p/stat") // return 1;
    return $st =~ /^\d+ \(.*\) ([ZX])/s ? 0 : 1;    # zombies count as dead
}

sub _kill_all {
    my ($self, $graceful) = @_;
    my $pid = $self->{pid};
    if ($pid) {
        $self->{workers_seen}{$_} = 1 for $self->worker_pids;
        if ($graceful) {
            kill 'QUIT', $pid;
            my $deadline = time + $self->{timeout};
            while (time < $deadline) {
                last if waitpid($pid, WNOHANG) == $pid;
                sleep 0.05;
            }
        }
        if (_pid_alive($pid) && waitpid($pid, WNOHANG) != $pid) {
            kill 'TERM', $pid;
            my $deadline = time + 3;
            while (time < $deadline) { last if waitpid($pid, WNOHANG) == $pid; sleep 0.05; }
            if (waitpid($pid, WNOHANG) == 0) { kill 'KILL', $pid; waitpid($pid, 0); }
        }
        $self->{pid} = undef;
    }
    # orphaned workers (nginx-notes 1.4 item 9): kill by recorded pid, if they
    # are still nginx processes whose parent is gone
    for my $w (keys %{ $self->{workers_seen} }) {
        next unless _pid_alive($w);
        my $cmd = slurp("/proc/$w/cmdline") // '';
        next unless $cmd =~ /nginx/;
        kill 'KILL', $w;
        my $deadline = time + 2;
        sleep 0.02 while _pid_alive($w) && time < $deadline;
    }
    $self->{workers_seen} = {};
}

sub stop {
    my ($self) = @_;
    $self->_kill_all(1);
    $self->check_log unless $self->{checked}++;
    return $self;
}

sub stop_mocks {
    my ($self) = @_;
    for my $m (@{ $self->{mocks} }) {
        next unless $m->{pid};
        kill 'TERM', $m->{pid};
        my $deadline = time + 3;
        while (time < $deadline) { last if waitpid($m->{pid}, WNOHANG) == $m->{pid}; sleep 0.02; }
        if (waitpid($m->{pid}, WNOHANG) == 0) { kill 'KILL', $m->{pid}; waitpid($m->{pid}, 0); }
        $m->{pid} = undef;
    }
}

sub done_testing {
    my ($self, @args) = @_;
    $self->stop;
    $self->stop_mocks;
    Test::More::done_testing(@args);
}

# ------------------------------------------------------------------ logs

sub slurp {
    my ($f) = @_;
    open my $fh, '<', $f or return undef;
    local $/;
    my $c = <$fh>;
    close $fh;
    return $c;
}

sub error_log {
    my ($self) = @_;
    my $p = $self->{prefix};
    my $c = slurp("$p/error.log") // '';
    my $e = slurp("$p/stderr.log") // '';
    $c .= "\n--- stderr ---\n$e" if $e ne '';
    return $c;
}

sub expect_errors { my ($self, @re) = @_; push @{ $self->{expect} }, @re; $self }

sub wait_for_log {
    my ($self, $re, $timeout) = @_;
    my $deadline = time + ($timeout // $self->{timeout});
    while (1) {
        return 1 if $self->error_log =~ $re;
        return 0 if time > $deadline;
        sleep 0.05;
    }
}

sub bad_log_lines {
    my ($self) = @_;
    my @bad;
    for my $line (split /\n/, $self->error_log) {
        next unless $line =~ /\[(?:alert|crit|emerg)\]|AddressSanitizer|LeakSanitizer|runtime error:/;
        next if grep { $line =~ $_ } @{ $self->{expect} };
        push @bad, $line;
    }
    return @bad;
}

sub check_log {
    my ($self, $force) = @_;
    return if $self->{no_log_check};
    return unless -e "$self->{prefix}/nginx.conf";
    my @bad = $self->bad_log_lines;
    my $hub = eval { require Test2::API; Test2::API::test2_stack()->top };
    my $planned = $hub && defined $hub->plan;
    if ($planned && !@bad) { return; }   # cannot add a passing test after the plan
    Test::More::ok(!@bad, 'error.log has no [alert]/[crit]/[emerg]/sanitizer reports')
        or Test::More::diag(join "\n", @bad[0 .. ($#bad > 20 ? 20 : $#bad)]);
}

# ------------------------------------------------------------------ HTTP

sub _port { my ($self, %o) = @_; return $o{port} // $self->port(1) }
sub http2 { $ENV{TEST_LLM_HTTP2} ? 1 : 0 }

sub _use_h2 {
    my ($self, $port) = @_;
    return 0 unless $ENV{TEST_LLM_HTTP2};
    return scalar grep { $_ == $port } values %{ $self->{ports} };
}

# HTTP/2 (h2c prior knowledge) through curl; used for nginx ports when
# TEST_LLM_HTTP2=1.  Returns the same structure as http()/sse().
sub _curl_h2 {
    my ($self, $method, $url, $headers, $body, $timeout, $want_sse) = @_;
    my $p = $self->{prefix};
    my $n = ++$self->{curl_n};
    my $hf = "$p/curl-$n.hdr";
    my @cmd = ('curl', '-sS', '-N', '--http2-prior-knowledge', '-X', $method, '-D', $hf,
               '--max-time', $timeout, '-o', '-');
    push @cmd, '-H', "$_: $headers->{$_}" for sort keys %$headers;
    if (defined $body) {
        my $bf = "$p/curl-$n.body";
        open my $fh, '>', $bf or die; binmode $fh; print $fh $body; close $fh;
        push @cmd, '--data-binary', "\@$bf";
    }
    push @cmd, $url;
    my $res = { status => 0, headers => {}, body => '', events => [], complete => 0, t0 => time };
    my $pid = open(my $out, '-|', @cmd) or return { %$res, status => 599, error => "curl: $!" };
    binmode $out;
    my $buf = '';
    while (1) {
        my $r = sysread($out, my $chunk, 65536);
        last unless $r;
        my $now = time;
        $res->{body} .= $chunk;
        next unless $want_sse;
        $buf .= $chunk;
        $buf =~ s/\r\n/\n/g;
        while ($buf =~ s/^(.*?)\n\n//s) {
            my $block = $1;
            my %ev = (raw => $block, t => $now);
            my @data;
            for my $l (split /\n/, $block) {
                if ($l =~ /^event:\s?(.*)$/) { $ev{event} = $1 }
                elsif ($l =~ /^data:\s?(.*)$/) { push @data, $1 }
            }
            next unless @data || defined $ev{event};
            $ev{data} = join "\n", @data;
            $ev{json} = eval { $JSON->decode($ev{data}) } if $ev{data} =~ /^\s*[\[{]/;
            push @{ $res->{events} }, \%ev;
        }
    }
    close $out;
    my $rc = $? >> 8;
    $res->{complete} = $rc == 0 ? 1 : 0;
    $res->{error} = "curl exit $rc" if $rc;
    my $h = slurp($hf) // '';
    my @blocks = split /\r?\n\r?\n/, $h;
    my $last = $blocks[-1] // '';
    my ($sl, @lines) = split /\r?\n/, $last;
    ($res->{status}) = ($sl // '') =~ m{^HTTP/\S+\s+(\d+)};
    $res->{status} ||= 599;
    for (@lines) {
        my ($k, $v) = /^([^:]+):\s*(.*)$/ or next;
        $k = lc $k;
        $res->{headers}{$k} = exists $res->{headers}{$k} ? "$res->{headers}{$k}, $v" : $v;
    }
    $res->{t_end} = time;
    $res->{json} = eval { $JSON->decode($res->{body}) } if $res->{body} =~ /^\s*[\[{]/;
    return $res;
}

sub http {
    my ($self, $method, $path, %o) = @_;
    my $port = $self->_port(%o);
    if ($self->_use_h2($port)) {
        return $self->_curl_h2($method, "http://127.0.0.1:$port$path", $o{headers} || {}, $o{body},
                               $o{timeout} // $self->{timeout}, 0);
    }
    my $ua = HTTP::Tiny->new(timeout => $o{timeout} // $self->{timeout}, keep_alive => 0,
                             max_redirect => 0, agent => 'llmtest/1');
    my %args = (headers => $o{headers} || {});
    $args{content} = $o{body} if defined $o{body};
    my $url = $path =~ m{^https?://} ? $path : "http://127.0.0.1:$port$path";
    my $r = $ua->request($method, $url, \%args);
    my $res = { status => $r->{status}, headers => $r->{headers} || {}, body => $r->{content} // '',
                reason => $r->{reason} };
    $res->{json} = eval { $JSON->decode($res->{body}) } if $res->{body} =~ /^\s*[\[{]/;
    return $res;
}

sub _body {
    my ($data) = @_;
    return ref $data ? $JSON->encode($data) : $data;
}

sub post_json {
    my ($self, $path, $data, %o) = @_;
    my %h = ('Content-Type' => 'application/json', %{ $o{headers} || {} });
    return $self->http($o{method} // 'POST', $path, %o, headers => \%h, body => _body($data));
}

sub get { my ($self, $path, %o) = @_; $self->http('GET', $path, %o) }

# Streaming client: raw socket, HTTP/1.1, incremental chunked decoding,
# timestamps per SSE event.
sub sse {
    my ($self, $path, $data, %o) = @_;
    my $port = $self->_port(%o);
    my $timeout = $o{timeout} // $self->{timeout};
    my $body = defined $data ? _body($data) : undef;
    my %h = (Host => "127.0.0.1:$port", Accept => 'text/event-stream', Connection => 'close',
             (defined $body ? ('Content-Type' => 'application/json') : ()),
             %{ $o{headers} || {} });
    $h{'Content-Length'} = length($body) if defined $body;
    my $method = $o{method} // (defined $body ? 'POST' : 'GET');
    if ($self->_use_h2($port)) {
        my %hh = %h; delete @hh{qw(Host Connection Content-Length)};
        return $self->_curl_h2($method, "http://127.0.0.1:$port$path", \%hh, $body, $timeout, 1);
    }
    my $req = "$method $path HTTP/1.1\r\n" . join('', map { "$_: $h{$_}\r\n" } sort keys %h) . "\r\n";
    $req .= $body if defined $body;

    my $res = { status => 0, headers => {}, body => '', events => [], complete => 0 };
    my $sock = IO::Socket::IP->new(PeerAddr => '127.0.0.1', PeerPort => $port, Proto => 'tcp',
                                   Timeout => $timeout);
    unless ($sock) { $res->{status} = 599; $res->{error} = "connect: $@"; return $res; }
    binmode $sock;
    $res->{t0} = time;
    my $off = 0;
    while ($off < length $req) {
        my $n = syswrite($sock, $req, length($req) - $off, $off);
        unless (defined $n) { $res->{status} = 599; $res->{error} = "write: $!"; return $res; }
        $off += $n;
    }
    my $sel = IO::Select->new($sock);
    my $deadline = time + $timeout;
    my ($raw, $hdr_done, $chunked, $clen, $payload, $sse_buf) = ('', 0, 0, undef, '', '');
    my $chunk_state = { need => undef };
    my $now;
    my $feed = sub {    # new decoded body bytes
        my ($bytes) = @_;
        $res->{body} .= $bytes;
        $sse_buf .= $bytes;
        $sse_buf =~ s/\r\n/\n/g;
        while ($sse_buf =~ s/^(.*?)\n\n//s) {
            my $block = $1;
            my %ev = (raw => $block, t => $now);
            my @data;
            for my $l (split /\n/, $block) {
                next if $l =~ /^:/;
                if ($l =~ /^event:\s?(.*)$/) { $ev{event} = $1 }
                elsif ($l =~ /^data:\s?(.*)$/) { push @data, $1 }
                elsif ($l =~ /^id:\s?(.*)$/) { $ev{id} = $1 }
            }
            next unless @data || defined $ev{event};
            $ev{data} = join "\n", @data;
            $ev{json} = eval { $JSON->decode($ev{data}) } if $ev{data} =~ /^\s*[\[{]/;
            push @{ $res->{events} }, \%ev;
        }
    };
    READ: while (1) {
        my $left = $deadline - time;
        if ($left <= 0) { $res->{error} = 'timeout'; last }
        next unless $sel->can_read($left > 0.5 ? 0.5 : $left);
        my $n = sysread($sock, my $buf, 65536);
        $now = time;
        if (!defined $n) { $res->{error} = "read: $!"; last }
        if ($n == 0) {
            $res->{complete} = 1 if $hdr_done && !$chunked && !defined $clen;
            $res->{error} //= 'connection closed early' unless $res->{complete};
            last;
        }
        $raw .= $buf;
        if (!$hdr_done) {
            my $i = index($raw, "\r\n\r\n");
            next if $i < 0;
            my $head = substr($raw, 0, $i);
            $raw = substr($raw, $i + 4);
            my ($sl, @lines) = split /\r\n/, $head;
            ($res->{status}) = $sl =~ m{^HTTP/\S+\s+(\d+)};
            for (@lines) {
                my ($k, $v) = /^([^:]+):\s*(.*)$/ or next;
                $k = lc $k;
                $res->{headers}{$k} = exists $res->{headers}{$k} ? "$res->{headers}{$k}, $v" : $v;
            }
            $hdr_done = 1;
            $res->{t_headers} = $now;
            $chunked = ($res->{headers}{'transfer-encoding'} // '') =~ /chunked/i;
            $clen = $res->{headers}{'content-length'} unless $chunked;
        }
        if ($chunked) {
            while (1) {
                if (!defined $chunk_state->{need}) {
                    my $i = index($raw, "\r\n");
                    last if $i < 0;
                    my ($size) = substr($raw, 0, $i) =~ /^([0-9a-fA-F]+)/;
                    $raw = substr($raw, $i + 2);
                    if (!defined $size) { $res->{error} = 'bad chunk'; last READ }
                    $size = hex $size;
                    if ($size == 0) { $res->{complete} = 1; last READ }
                    $chunk_state->{need} = $size;
                }
                last if length($raw) < $chunk_state->{need} + 2;
                my $data = substr($raw, 0, $chunk_state->{need});
                $raw = substr($raw, $chunk_state->{need} + 2);
                $chunk_state->{need} = undef;
                $feed->($data);
            }
        } else {
            $feed->($raw) if length $raw;
            $raw = '';
            if (defined $clen && length($res->{body}) >= $clen) { $res->{complete} = 1; last }
        }
    }
    close $sock;
    $res->{t_end} = time;
    $res->{json} = eval { $JSON->decode($res->{body}) } if $res->{body} =~ /^\s*[\[{]/;
    return $res;
}

# ------------------------------------------------------------------ teardown

sub DESTROY {
    my ($self) = @_;
    return unless $self->{owner} && $self->{owner} == $$;
    $self->_teardown;
}

sub _teardown {
    my ($self) = @_;
    return if $self->{torn}++;
    local ($?, $!, $@);
    my $had = $self->{pid};
    $self->_kill_all(1) if $had;
    $self->check_log unless $self->{checked}++;
    $self->stop_mocks;
}

END {
    for my $t (@INSTANCES) {
        next unless $t && $t->{owner} == $$;
        $t->_teardown;
    }
    @INSTANCES = ();
}

1;
