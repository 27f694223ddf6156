#!/usr/bin/perl
# The benchmark harness, in its short form: "make bench-smoke" must build,
# run every route of the gateway benchmark and the core microbenchmarks,
# and write a results table with every row and sane numbers.  Timing is
# not asserted (the smoke run is far too short to mean anything).  And
# the cold rows' bodies: wrk.lua's vary=N, against a tiny nginx that logs
# what it reads, must send a new body of the same length every request.

use strict;
use warnings;
use Test::More;
use FindBin;
use IO::Socket::INET;
use JSON::PP ();

my $top = "$FindBin::Bin/..";
my $out = "$top/bench/out/smoke";

for my $bin (qw(wrk make)) {
    plan skip_all => "$bin not installed (the harness installs it as root)"
        if system("command -v $bin >/dev/null 2>&1") != 0 && $> != 0;
}

unlink "$out/results.md", "$out/http.md";
my $log = `cd '$top' && timeout -k 10 300 make -s bench-smoke 2>&1`;
my $rc = $? >> 8;
is($rc, 0, 'make bench-smoke succeeds') or diag(substr($log, -4000));

open my $fh, '<', "$out/results.md" or do {
    fail("results.md written");
    done_testing;
    exit;
};
my $md = do { local $/; <$fh> };
close $fh;
pass('results.md written');

# --- gateway table: every route at concurrency 1 and 32

my @routes = qw(base.o pass.o pass.o.static xl.o2a base.a xl.a2o
                base.o.2k xl.o2a.2k base.a.2k xl.a2o.2k base.o.agent
                pass.o.agent xl.o2a.agent base.o.agent.cold
                pass.o.agent.cold xl.o2a.agent.cold xl.o2g base.g xl.g2o);
for my $s (qw(s20 s1000)) {
    push @routes, "base.o.$s", "xl.o2a.$s", "base.a.$s", "xl.a2o.$s";
}

# (the main table only: the later tables' rows have the same start, and
# a number where this one has the concurrency)
my ($main) = $md =~ /^(.*?)^### /ms;
my %row;
for my $line (split /\n/, $main // '') {
    next unless $line =~ /^\| [^|]*`([\w.]+)` \| (\d+) \|(.*)\|$/;
    my ($id, $c, $rest) = ($1, $2, $3);
    my @f = map { s/^\s+|\s+$//gr } split /\|/, $rest;
    $row{"$id/$c"} = \@f;
}

for my $id (@routes) {
    for my $c (1, 32) {
        my $f = $row{"$id/$c"};
        ok($f, "row $id c=$c") or next;
        my ($rps, $p50, $p99, $cpu, $x, $usr, $xu, $dp, $ev, $rss, $err)
            = @$f;
        ok($rps > 0 && $p50 > 0 && $p99 >= $p50, "$id c=$c: req/s "
           . "$rps, p50 $p50 <= p99 $p99");
        ok($cpu > 0 && $cpu < 100000, "$id c=$c: CPU $cpu us/req");
        # user time alone: clock ticks, so 0 is possible in a smoke run
        ok($usr =~ /^[\d.]+$/ && $usr <= $cpu + 0.05,
           "$id c=$c: user $usr of the $cpu us/req");
        ok($xu =~ /base/ ? $id =~ /^base\./ : $xu =~ /^(-|[\d.]+)$/,
           "$id c=$c: user ratio $xu");
        ok($rss > 1 && $rss < 1024, "$id c=$c: RSS $rss MB");
        is($err, 0, "$id c=$c: no errors");
        if ($id =~ /^base\./) {
            like($x, qr/base/, "$id is a baseline");
        } else {
            ok($x =~ /^[\d.]+$/ && $x > 0, "$id c=$c: ratio $x");
        }
        ok($ev =~ /^[\d.]+$/ && $ev > 0, "$id c=$c: CPU per event $ev")
            if $id =~ /\.s\d+$/;
    }
}

# --- the non-streaming routes at a held rate

my ($held) = $md =~ /^### At a held rate.*?\n\n(.*?)(?:\n\n|\z)/ms;
ok(defined $held, 'held-rate table');
for my $id (grep { !/\.s\d+$/ } @routes) {
    my ($rps, $cpu, $x, $usr, $xu, $err) = ($held // '') =~
        /^\| [^|]*`\Q$id\E` \| (\d+) \| ([\d.]+) \| ([^|]+) \| ([\d.]+) \| ([^|]+) \| (\d+) \|$/m;
    ok(defined $rps && $rps > 0 && $cpu > 0 && $usr <= $cpu + 0.05,
       "held rate $id: " . ($rps // '?') . " req/s, CPU " . ($cpu // '?'));
    ok(defined $x && ($id =~ /^base\./ ? $x =~ /base/ && $xu =~ /base/
                                         : $x =~ /^[\d.]+$/ && $x > 0),
       "held rate $id: ratio " . ($x // '?'));
    is($err, 0, "held rate $id: no errors");
}

# --- each route and its baseline at once, on the gateway and its twin

my ($once) = $md =~ /^### A route and its baseline at once.*?\n\n(.*?)(?:\n\n|\z)/ms;
ok(defined $once, 'at-once table');
for my $id (grep { !/^base\.|\.s\d+$/ } @routes) {
    my ($cpu, $bcpu, $x, $err) = ($once // '') =~
        /^\| [^|]*`\Q$id\E` \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \| (\d+) \|$/m;
    ok(defined $x && $cpu > 0 && $bcpu > 0 && $x > 0,
       "at once $id: CPU " . ($cpu // '?') . " against " . ($bcpu // '?')
       . ", ratio " . ($x // '?'));
    is($err, 0, "at once $id: no errors");
}

# --- added latency at concurrency 1: each route and its baseline in turn

my ($lat) = $md =~ /^### Added latency at concurrency 1.*?\n\n(.*?)(?:\n\n|\z)/ms;
ok(defined $lat, 'paired latency table');
for my $id (grep { !/^base\.|\.s\d+$/ } @routes) {
    my @f = ($lat // '') =~ /^\| [^|]*`\Q$id\E` \| (\d+) \| (\d+) \| (\d+) \| (\d+) \| ([-+]\d+) \| ([-+]\d+) \|$/m;
    if ($id =~ /\.cold$/) {
        # their bodies must vary; the paired probe sends one body again
        ok(!@f, "paired latency: no row for $id");
        next;
    }
    ok(@f && $f[0] > 0 && $f[1] >= $f[0] && $f[2] > 0 && $f[3] >= $f[2],
       "paired latency $id: p50 " . ($f[0] // '?') . ", p99 "
       . ($f[1] // '?') . ", baseline " . ($f[2] // '?') . " / "
       . ($f[3] // '?'));
}

# --- time to first byte, key pools, memory

for my $id (qw(base.o.s20 xl.o2a.s20 base.a.s20 xl.a2o.s20)) {
    like($md, qr/^\| `\Q$id\E\.ttfb` \| \d+ \| \d+ \|/m, "TTFB row $id");
}
like($md, qr/^\| 1 \| \d+ \| [\d.]+ \| [\d.]+ \| \+0\.0 \|$/m,
     'key pool of 1');
like($md, qr/^\| 1000 \| \d+ \| [\d.]+ \| [\d.]+ \| [-+][\d.]+ \|$/m,
     'key pool of 1000');
like($md, qr/^\| 100 \| [\d.]+ \| [\d.]+ \| -?[\d.]+ \|$/m,
     'memory, short streams');
like($md, qr/^\| 5000 \| [\d.]+ \| [\d.]+ \| -?[\d.]+ \|$/m,
     'memory, long streams');

# --- the cold rows' bodies: wrk.lua's vary=N gives every request its own

vary_check();

sub vary_check {
    my $file = "$out/run/bodies/o.agent.cold.json";
    open my $f, '<', $file or return fail("cold body $file");
    my $body = do { local $/; <$f> };
    close $f;
    my $mark = '@' x 12;
    my @parts = split /\Q$mark\E/, $body, -1;
    my $tools = eval { JSON::PP::decode_json($body)->{tools} } || [];
    my @in = grep { ($_->{function}{parameters}{description} // '')
                    =~ /\Q$mark\E$/ } @$tools;
    # the last member of "parameters": "strict" follows it in "function"
    my @end = grep { /^"\},"strict":/ } @parts[1 .. $#parts];
    ok(@parts - 1 == 16 && @in == 16 && @end == 16, 'cold body: a marker '
       . 'at the end of each of the 16 schemas (' . (@parts - 1)
       . ' markers, ' . scalar(@in) . ' schemas, ' . scalar(@end)
       . ' at the end)');

    # a tiny nginx that reads each body and logs it
    my $echo = '/usr/lib/nginx/modules/ngx_http_echo_module.so';
    my $dir = "$out/vary";
    system('rm', '-rf', $dir);
    mkdir $_ for $dir, "$dir/logs";
    my $s = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => 0,
                                  Listen => 1, ReuseAddr => 1) or die $!;
    my $port = $s->sockport;
    close $s;
    open my $c, '>', "$dir/nginx.conf" or die $!;
    print $c <<"NGX";
load_module $echo;
worker_processes 1;
error_log logs/error.log warn;
pid logs/nginx.pid;
events { worker_connections 64; }
http {
    client_body_buffer_size 1m;
    client_body_temp_path logs/body;
    log_format b escape=none '\$uri \$request_body';
    server {
        listen 127.0.0.1:$port;
        location / {
            access_log logs/bodies.log b;
            echo_read_request_body;
            echo ok;
        }
    }
}
NGX
    close $c;
    system("timeout 10 /usr/sbin/nginx -p $dir/ -c $dir/nginx.conf") == 0
        or return fail('nginx for the vary check starts');
    for (1 .. 100) {
        last if IO::Socket::INET->new(PeerAddr => "127.0.0.1:$port");
        select undef, undef, undef, 0.05;
    }
    # 2 threads, 4 connections, 20 answers a thread; two runs with
    # vary (N 1 and 2), one without
    for my $run (['v1', 'vary=1'], ['v2', 'vary=2'], ['plain']) {
        my ($path, @vary) = @$run;
        my $cmd = "timeout -k 5 20 wrk -t2 -c4 -d5s -s '$top/bench/wrk.lua' "
                . "http://127.0.0.1:$port/$path -- '$file' max=20 @vary";
        my $o = `$cmd 2>&1`;
        like($o, qr/^BENCH requests=\d+ .* errors=0 status=0/m,
             "wrk $path: answered");
    }
    select undef, undef, undef, 0.3;
    my $pid = do { local $/; open my $p, '<', "$dir/logs/nginx.pid";
                   <$p> } // '';
    chomp $pid;
    kill 'QUIT', $pid if $pid =~ /^\d+$/;
    my %got;
    open my $l, '<', "$dir/logs/bodies.log" or die $!;
    while (<$l>) {
        chomp;
        push @{ $got{$1} }, $2 if m{^/(\w+) (.*)$};
    }
    close $l;
    my $re = join '(\d{12})', map { quotemeta } @parts;
    my %seen;
    for my $path (qw(v1 v2)) {
        my @b = @{ $got{$path} || [] };
        my $same = grep { length == length $body } @b;
        my $one = grep { my @n = /^$re$/; @n == 16 && !grep { $_ ne $n[0] }
                         @n } @b;
        my %u = map { $_ => 1 } @b;
        $seen{$_}++ for keys %u;
        ok(@b >= 40 && keys %u == @b && $same == @b && $one == @b,
           "vary $path: " . scalar(@b) . ' bodies, ' . scalar(keys %u)
           . " distinct, $same of the file's length, $one with one "
           . 'number in place of all 16 markers');
    }
    ok(!grep({ $_ > 1 } values %seen), 'vary=1 and vary=2: no body in both');
    my @p = @{ $got{plain} || [] };
    ok(@p >= 40 && !grep({ $_ ne $body } @p),
       'without vary: ' . scalar(@p) . ' bodies, all the file\'s');
}

# --- core microbenchmarks

for my $b (qw(req.o2a.2k req.a2o.2k resp.o2a resp.a2o stream.o2a.20
              stream.o2a.100000 stream.a2o.1000 size.o2a.1k size.o2a.1m)) {
    like($md, qr/^\| \Q$b\E \| [1-9]\d* \| [\d.]+ \|/m, "micro $b");
}

# flat stream memory: held bytes do not grow with the stream's length
my ($h20) = $md =~ /^\| stream\.o2a\.20 \|(?:[^|]*\|){5} (\d+) \|/m;
my ($h100k) = $md =~ /^\| stream\.o2a\.100000 \|(?:[^|]*\|){5} (\d+) \|/m;
ok(defined $h20 && defined $h100k && $h100k <= 2 * $h20 + 4096,
   'stream memory flat: ' . ($h20 // '?') . ' vs ' . ($h100k // '?')
   . ' bytes');

if (system('command -v valgrind >/dev/null 2>&1') == 0) {
    like($md, qr/^\| req\.o2a\.small \|(?:[^|]*\|){6} [1-9]\d* \|/m,
         'instruction count of req.o2a.small');
}

done_testing;
