#!/usr/bin/perl
# Process faults: "nginx -s reload" (HUP) under load loses no request
# and keeps the key state of the shared zone; a worker killed with
# SIGKILL under load leaves the zone consistent and usable (no stuck
# lock: requests and llm_status still answer at once) and its in-flight
# counts are dropped when the master replaces it, while a reload keeps
# those of the old workers that still finish their requests.

use strict;
use warnings;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use LLMTest;
use HTTP::Tiny;
use POSIX qw(WNOHANG);
use Time::HiRes qw(time sleep);

my $t = LLMTest->new(workers => 2, timeout => $ENV{TEST_LLM_ASAN} ? 30 : 10,
                     expect_errors => [qr/exited on signal 9/]);
$t->start_mock(event_delay_ms => 5);
$t->write_config(<<'EOF');
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    access_log off;
    llm_keys_zone llm_keys 1m;
    upstream pool_up {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider anthropic zone=llm_keys cooldown=120s;
        llm_key sk-ant-proc-key-one-000001 id=one;
        llm_key sk-ant-proc-key-two-000002 id=two;
        llm_key sk-ant-proc-key-three-0003 id=three;
    }
    server {
        listen 127.0.0.1:%%PORT_1%%;
        location / {
            llm_translate on;
            llm_route default pool_up;
            proxy_pass http://$llm_upstream;
        }
        location = /llm/status { llm_status json; }
    }
}
EOF
$t->run;
my $port = $t->port(1);

sub status {
    my $r = $t->get('/llm/status?format=json', timeout => 3);
    return undef unless $r->{status} == 200 && $r->{json};
    my $j = $r->{json};
    my @pools = ref $j eq 'ARRAY' ? @$j : ref $j->{upstreams} eq 'ARRAY' ? @{ $j->{upstreams} }
              : ref $j->{pools} eq 'ARRAY' ? @{ $j->{pools} } : ($j);
    my %k;
    for my $p (@pools) { $k{$_->{id}} = $_ for @{ $p->{keys} || [] } }
    return \%k;
}

# load: $n children, each sending requests until the stop file appears;
# every result line "status complete" goes to a file
sub load_start {
    my ($n) = @_;
    my $dir = $t->prefix;
    unlink "$dir/stop";
    my @pids;
    for my $i (1 .. $n) {
        my $pid = fork // die "fork: $!";
        if ($pid == 0) {
            open my $out, '>', "$dir/load-$i.txt" or POSIX::_exit(1);
            $out->autoflush(1);
            my $ua = HTTP::Tiny->new(timeout => 10, keep_alive => 0);
            my $k = 0;
            until (-e "$dir/stop") {
                my $stream = $k++ % 2;
                my $body = '{"model":"gpt-x","messages":[{"role":"user","content":"one two three four"}]'
                         . ($stream ? ',"stream":true}' : '}');
                my $r = $ua->request('POST', "http://127.0.0.1:$port/v1/chat/completions",
                    { headers => { 'Content-Type' => 'application/json' }, content => $body });
                my $ok = $r->{status} == 200
                    && ($stream ? $r->{content} =~ /data: \[DONE\]\s*$/ : $r->{content} =~ /"choices"/);
                print $out "$r->{status} " . ($ok ? 1 : 0) . "\n";
            }
            POSIX::_exit(0);
        }
        push @pids, $pid;
    }
    return \@pids;
}

sub load_stop {
    my ($pids) = @_;
    open my $f, '>', $t->prefix . '/stop'; close $f;
    waitpid($_, 0) for @$pids;
    my (%st, $n, $bad);
    for my $file (glob($t->prefix . '/load-*.txt')) {
        for (split /\n/, LLMTest::slurp($file) // '') {
            my ($s, $ok) = split;
            $n++; $st{$s}++; $bad++ unless $ok;
        }
        unlink $file;
    }
    return ($n // 0, $bad // 0, \%st);
}

# --- key state before the reload: key "one" cools down after a 429

$t->mock_script([{ match => { key => 'sk-ant-proc-key-one-000001' }, times => 1, status => 429 }]);
for (1 .. 6) { $t->post_json('/v1/chat/completions',
    { model => 'gpt-x', messages => [{ role => 'user', content => 'hi' }] }) }
$t->mock_reset;
my $k = status();
ok($k && $k->{one}, 'llm_status lists the keys') or diag(explain $k);
is($k->{one}{state}, 'cooling', 'key one is cooling after its 429');
my $cool = $k->{one}{cooldown_remaining} // 0;

# --- reload twice under load

my $pids = load_start(4);
sleep 0.7;
$t->reload;
sleep 0.7;
$t->reload;
sleep 0.7;
my ($n, $bad, $st) = load_stop($pids);
ok($n > 20, "$n requests during two reloads");
is($bad, 0, 'no failed request across the reloads')
    or diag(join ', ', map { "$_: $st->{$_}" } sort keys %$st);

$k = status();
is($k->{one}{state}, 'cooling', 'key one still cooling after the reloads');
ok(($k->{one}{cooldown_remaining} // 0) > 0 && $k->{one}{cooldown_remaining} <= $cool,
   "its cooldown kept counting down ($cool s -> " . ($k->{one}{cooldown_remaining} // '?') . ' s)');
ok(($k->{two}{requests} // 0) > 0, 'the counters survived the reloads');

# --- SIGKILL a worker under load

$pids = load_start(4);
sleep 0.7;
my @w = $t->worker_pids;
kill 'KILL', $w[0];
my $deadline = time + 5;
sleep 0.05 while time < $deadline && (grep { $_ == $w[0] } $t->worker_pids);
sleep 0.5;
$deadline = time + 5;
sleep 0.05 while time < $deadline && $t->worker_pids < 2;
sleep 0.7;
($n, $bad, $st) = load_stop($pids);
ok($n > 20, "$n requests around the SIGKILL (" . join(', ', map { "$_: $st->{$_}" } sort keys %$st) . ')');
is(scalar $t->worker_pids, 2, 'the master started a new worker');

# after the kill: everything answers at once (no lock held by the dead worker)
my $t0 = time;
my $good = 0;
for (1 .. 20) {
    my $r = $t->post_json('/v1/chat/completions',
        { model => 'gpt-x', messages => [{ role => 'user', content => 'hi' }] }, timeout => 3);
    $good++ if $r->{status} == 200;
}
is($good, 20, '20 requests after the kill all answered');
ok(time - $t0 < 10, sprintf('... in %.1f s (no stuck lock)', time - $t0));
$k = status();
ok($k && $k->{two} && $k->{three}, 'llm_status still answers after the kill');
is($k->{one}{state}, 'cooling', 'key one still cooling after the kill');
my $inflight = 0;
$inflight += $_->{inflight} // 0 for values %{ $k || {} };
is($inflight, 0, 'no in-flight count left behind by the killed worker')
    or diag(join ', ', map { "$_: $k->{$_}{inflight}" } sort keys %$k);

# --- the same, deterministic: requests held in flight by the provider
# (the mock waits before answering), then one worker killed.  Its share
# of the in-flight counts must go when the master replaces it, the other
# worker's share must stay (it is still counted until its requests end).

sub inflight_total {
    my $k = status() or return -1;
    my $n = 0;
    $n += $_->{inflight} // 0 for values %$k;
    return $n;
}

# $n children, each sending one request; the result "status" goes to a file
sub hold_start {
    my ($n, $tag) = @_;
    my @pids;
    for my $i (1 .. $n) {
        my $pid = fork // die "fork: $!";
        if ($pid == 0) {
            my $ua = HTTP::Tiny->new(timeout => 10, keep_alive => 0);
            my $r = $ua->request('POST', "http://127.0.0.1:$port/v1/chat/completions",
                { headers => { 'Content-Type' => 'application/json' },
                  content => '{"model":"gpt-x","messages":[{"role":"user","content":"hold"}]}' });
            open my $out, '>', $t->prefix . "/hold-$tag-$i.txt" or POSIX::_exit(1);
            print $out "$r->{status}\n";
            close $out;
            POSIX::_exit(0);
        }
        push @pids, $pid;
    }
    return \@pids;
}

sub hold_results {
    my ($pids, $tag) = @_;
    waitpid($_, 0) for @$pids;
    my %st;
    for my $file (glob($t->prefix . "/hold-$tag-*.txt")) {
        my $s = LLMTest::slurp($file) // '';
        chomp $s;
        $st{$s}++;
        unlink $file;
    }
    return \%st;
}

sub wait_inflight {
    my ($want, $secs) = @_;
    my $deadline = time + $secs;
    my $n;
    while (time < $deadline) {
        $n = inflight_total();
        return $n if $n == $want;
        sleep 0.05;
    }
    return $n;
}

$t->mock_reset;
$t->mock_script([{ delay_ms => 2500, times => 6 }]);
my $held = hold_start(6, 'kill');
is(wait_inflight(6, 3), 6, 'six requests held in flight');
@w = $t->worker_pids;
kill 'KILL', $w[0];
$deadline = time + 5;
sleep 0.05 while time < $deadline
    && ((grep { $_ == $w[0] } $t->worker_pids) || $t->worker_pids < 2);
my $left = inflight_total();
$st = hold_results($held, 'kill');
my $lost = 6 - ($st->{200} // 0);
ok($lost >= 0 && $lost <= 6, "the killed worker had $lost of the six requests");
is($left, 6 - $lost, 'after the respawn: the dead worker\'s in-flight '
   . 'requests dropped, the live worker\'s still counted')
    or diag(join ', ', map { "$_: $st->{$_}" } sort keys %$st);
is(wait_inflight(0, 3), 0, 'nothing in flight once the live worker\'s requests ended');

# --- reload with requests in flight: the new workers take the slots
# numbers of the old ones, which still finish their requests: their
# counts must not be cleared by the new workers starting

$t->mock_reset;
$t->mock_script([{ delay_ms => 2000, times => 4 }]);
$held = hold_start(4, 'hup');
is(wait_inflight(4, 3), 4, 'four requests held in flight');
my %old = map { $_ => 1 } $t->worker_pids;
kill 'HUP', $t->{pid};
$deadline = time + 5;
sleep 0.05 while time < $deadline && (grep { !$old{$_} } $t->worker_pids) < 2;
my @old_alive = grep { $old{$_} } $t->worker_pids;
$left = inflight_total();
ok(@old_alive > 0, scalar(@old_alive) . ' old worker(s) still finishing their requests');
is($left, 4, 'new workers did not clear the old workers\' in-flight counts');
$st = hold_results($held, 'hup');
is($st->{200} // 0, 4, 'the four held requests completed across the reload')
    or diag(join ', ', map { "$_: $st->{$_}" } sort keys %$st);
is(wait_inflight(0, 3), 0, 'nothing in flight afterwards');
$t->mock_reset;

$t->done_testing;
