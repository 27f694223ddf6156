#!/usr/bin/perl
# Key pools: the round robin's order.  While its keys are usable a pool
# picks exactly as nginx's smooth weighted round robin would, both when it
# follows the order worked out at configuration time (equal weights, any
# number of keys; weights that differ) and when it scans its keys
# (weights whose turn is too long for a table, least_inflight with
# nothing in flight).  Two workers share the place in the turn; a cooling
# key is passed over and the turn goes on; a reload keeps the place.

use strict;
use warnings;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use LLMTest;

my $nbig = 150;
my @big = map { sprintf 'sk-order-big-%03d-0123456789abcdef', $_ } 1 .. $nbig;

# 70 keys of weights 1000 and 999: a turn of 69,965 picks, over the
# 65,536 the table may hold, so this pool scans
my $nscan = 70;
my @scan = map { sprintf 'sk-order-scan-%03d-0123456789abcdef', $_ } 1 .. $nscan;
my @scan_w = map { $_ % 2 ? 1000 : 999 } 1 .. $nscan;

my %k = map { $_ => "sk-order-$_-0123456789abcdef" } qw(a b c d e f);

my %id;
$id{ $big[$_] } = 'big' . ($_ + 1) for 0 .. $#big;
$id{ $scan[$_] } = 'scan' . ($_ + 1) for 0 .. $#scan;
$id{ $k{$_} } = $_ for keys %k;

my $t = LLMTest->new(workers => 2);
$t->start_mock(keys => [ keys %id ]);

my $bigf = $t->prefix . '/big.keys';
open my $f, '>', $bigf or die;
printf $f "%s id=big%d\n", $big[$_], $_ + 1 for 0 .. $#big;
close $f;

my $scanf = $t->prefix . '/scan.keys';
open $f, '>', $scanf or die;
printf $f "%s id=scan%d weight=%d\n", $scan[$_], $_ + 1, $scan_w[$_]
    for 0 .. $#scan;
close $f;

$t->write_config(<<"EOF");
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    llm_keys_zone llm 1m;

    upstream big {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider openai zone=llm;
        llm_key_file $bigf;
    }
    upstream weighted {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider openai zone=llm;
        llm_key $k{a} id=a weight=1;
        llm_key $k{b} id=b weight=2;
        llm_key $k{c} id=c weight=3;
    }
    upstream scan {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider openai zone=llm;
        llm_key_file $scanf;
    }
    upstream least {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider openai zone=llm strategy=least_inflight;
        llm_key $k{d} id=d weight=2;
        llm_key $k{e} id=e weight=1;
        llm_key $k{f} id=f weight=4;
    }

    server {
        listen 127.0.0.1:%%PORT_1%% reuseport;

        proxy_http_version 1.1;
        proxy_set_header Connection "";
        add_header X-Worker \$pid always;

        location /big/ { proxy_pass http://big/; }
        location /weighted/ { proxy_pass http://weighted/; }
        location /scan/ { proxy_pass http://scan/; }
        location /least/ { proxy_pass http://least/; }
        location /status { llm_status; }
    }
}
EOF
$t->run;

my $chat = { model => 'gpt-4o', messages => [{ role => 'user', content => 'hi' }] };
my %workers;

# n requests to a pool: the ids of the keys the mock saw, in order
sub picks {
    my ($path, $n) = @_;
    $t->mock_reset;
    for (1 .. $n) {
        my $r = $t->post_json("/$path/v1/chat/completions", $chat);
        $workers{ $r->{headers}{'x-worker'} // '?' }++;
        die "request to /$path/ answered $r->{status}: $r->{body}\n"
            unless $r->{status} == 200;
    }
    return map { $id{ $_->{key} // '' } // '?' } @{ $t->mock_requests };
}

# nginx's smooth weighted round robin from a fresh state, all keys usable
sub swrr {
    my ($n, $names, $w) = @_;
    my (@cw, @seq);
    my $total = 0;
    $total += $_ for @$w;
    @cw = (0) x @$w;
    for (1 .. $n) {
        my $best;
        for my $i (0 .. $#$w) {
            $cw[$i] += $w->[$i];
            $best = $i if !defined $best || $cw[$i] > $cw[$best];
        }
        $cw[$best] -= $total;
        push @seq, $names->[$best];
    }
    return @seq;
}

# --- equal weights: key by key, whatever the pool's size

my @names = map { "big$_" } 1 .. $nbig;
is_deeply([ picks('big', 2 * $nbig) ], [ @names, @names ],
          "$nbig keys of one weight: two turns, key by key");
is(scalar(keys %workers), 2, 'requests served by both workers, one turn')
    or diag(explain \%workers);

# --- weights that differ: the order of the smooth weighted round robin

is_deeply([ picks('weighted', 12) ],
          [ swrr(12, [qw(a b c)], [1, 2, 3]) ],
          'weights 1:2:3: the smooth weighted round robin order (c b a c b c)');

my @snames = map { "scan$_" } 1 .. $nscan;
is_deeply([ picks('scan', 2 * $nscan) ],
          [ swrr(2 * $nscan, \@snames, \@scan_w) ],
          "$nscan keys weighing 1000 and 999, a turn too long for a table: "
          . 'the same order from the scan');

is_deeply([ picks('least', 14) ],
          [ swrr(14, [qw(d e f)], [2, 1, 4]) ],
          'least_inflight with nothing in flight: ties go to the weighted '
          . 'round robin');

# --- a cooling key is passed over, the turn goes on

# the turn is back at big1: the 10th request meets big10's 429
$t->mock_reset;
$t->mock_script([{ match => { key => $big[9] }, times => 1, status => 429,
                   headers => { 'retry-after' => '60' } }]);
my @status = map { $t->post_json('/big/v1/chat/completions', $chat)->{status} }
             1 .. 10;
is_deeply(\@status, [ (200) x 10 ], 'ten requests answered 200');
my @seen = map { $id{ $_->{key} } } @{ $t->mock_requests };
is_deeply(\@seen, [ map({ "big$_" } 1 .. 10), 'big11' ],
          'big10 answered 429: the same request retried on big11');

my @rest = picks('big', 2 * ($nbig - 1));
my %count;
$count{$_}++ for @rest;
ok(!$count{big10}, 'the cooling key is passed over');
is(scalar(grep { ($count{$_} // 0) == 2 } grep { $_ ne 'big10' } @names),
   $nbig - 1, 'every other key twice in two turns');
is_deeply([ @rest[0 .. 2] ], [qw(big12 big13 big14)],
          'the turn goes on after the key the retry used');

# --- the status lists the keys only (the place is not a key)

my $s = $t->get('/status')->{json};
my ($bp) = grep { $_->{upstream} eq 'big' } @{ $s->{pools} };
is(scalar @{ $bp->{keys} }, $nbig, "the status lists $nbig keys");

# --- a reload keeps the place

my @before = picks('weighted', 4);
$t->reload;
my @after = picks('weighted', 8);
is_deeply([ @before, @after ],
          [ (swrr(24, [qw(a b c)], [1, 2, 3]))[12 .. 23] ],
          'across a reload the turn goes on where it was');

$t->stop;
done_testing;
