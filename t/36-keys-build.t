#!/usr/bin/perl
# How the key gets into the proxy's request.  The first request of a
# location runs the proxy's create_request again with the key; once that
# matched the first build plus the credential line, later requests only
# add the line (ngx_http_llm_upstream_build_request).  Checked over many
# requests per location, so both ways are seen: exactly one credential
# header, the pool's key, never the client's own (also when the client
# sends one only from the second request on), a new key on a retry, and
# a location that sets or hides the header itself keeps it so.

use strict;
use warnings;
use Test::More;
use FindBin;
use lib "$FindBin::Bin/lib";
use LLMTest;

my %k = map { $_ => "sk-build-$_-0123456789abcdef" } qw(p q r s t u v w);

my $t = LLMTest->new();
$t->start_mock();
$t->write_config(<<"EOF");
%%TEST_GLOBALS%%
http {
    %%TEST_GLOBALS_HTTP%%
    llm_keys_zone llm 1m;

    upstream plainp {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider openai zone=llm;
        llm_key $k{p} id=p;
        llm_key $k{q} id=q;
    }
    upstream xlp {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider openai zone=llm;
        llm_key $k{r} id=r;
        llm_key $k{s} id=s;
    }
    upstream overp {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider openai zone=llm disable_on_auth=off;
        llm_key $k{t} id=t;
        llm_key $k{u} id=u;
    }
    upstream antp {
        server 127.0.0.1:%%MOCK_PORT%%;
        llm_provider anthropic zone=llm;
        llm_key $k{v} id=v;
        llm_key $k{w} id=w;
    }

    server {
        listen 127.0.0.1:%%PORT_1%%;

        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_next_upstream error timeout http_429 non_idempotent;

        location /plain/ { proxy_pass http://plainp/; }
        location /override/ {
            proxy_set_header Connection "";
            proxy_set_header Authorization "Bearer location-own-value";
            proxy_pass http://overp/;
        }
        location /hidden/ {
            proxy_set_header Connection "";
            proxy_set_header Authorization "";
            proxy_pass http://overp/;
        }
        location / {
            llm_translate on;
            llm_route default xlp;
            proxy_pass http://\$llm_upstream;
        }
    }

    server {
        listen 127.0.0.1:%%PORT_2%%;

        proxy_http_version 1.1;
        proxy_set_header Connection "";

        location / {
            llm_translate on;
            llm_route default antp;
            proxy_pass http://\$llm_upstream;
        }
    }
}
EOF
$t->run;

my $chat = { model => 'gpt-4o',
             messages => [{ role => 'user', content => 'hi' }] };
my $amsg = { model => 'claude-x', max_tokens => 10,
             messages => [{ role => 'user', content => 'hi' }] };

# every value of a header the mock received, duplicates kept
sub raw_values {
    my ($req, $name) = @_;
    my @raw = @{ $req->{raw_headers} || [] };
    my @v;
    for (my $i = 0; $i + 1 < @raw; $i += 2) {
        push @v, $raw[$i + 1] if lc $raw[$i] eq lc $name;
    }
    return @v;
}

sub check_keys {
    my ($what, $header, $pattern, @ids) = @_;
    my $reqs = $t->mock_requests;
    my %want = map { $k{$_} => 1 } @ids;
    my ($bad, $n) = (0, 0);
    for my $req (@$reqs) {
        $n++;
        my @v = raw_values($req, $header);
        my $key = @v == 1 && $v[0] =~ $pattern ? $1 : undef;
        unless (defined $key && $want{$key}) {
            $bad++;
            diag("$what: request $n sent $header: " . join(' | ', @v));
        }
        for my $h (qw(authorization x-api-key x-goog-api-key)) {
            next unless grep { /client-own/ } raw_values($req, $h);
            $bad++;
            diag("$what: request $n forwarded the client's $h");
        }
    }
    is($bad, 0, "$what: $n requests, one $header with a pool key each");
    return $reqs;
}

# --- plain proxy_pass: the client's credential is stripped only after the
# first build, so that build is never reused with one in it

$t->mock_reset;
for my $i (1 .. 8) {
    my %h = $i == 1 ? () : (Authorization => "Bearer client-own-$i",
                            'x-api-key' => "client-own-$i");
    my $r = $t->post_json('/plain/v1/chat/completions', $chat, headers => \%h);
    is($r->{status}, 200, "plain request $i") unless $r->{status} == 200;
}
check_keys('plain', 'authorization', qr/^Bearer (.*)$/, qw(p q));

# --- translator, same dialect: the first build has no client credential

$t->mock_reset;
for my $i (1 .. 8) {
    my %h = $i == 1 ? () : (Authorization => "Bearer client-own-$i");
    my $r = $t->post_json('/v1/chat/completions', $chat, headers => \%h);
    is($r->{status}, 200, "translator request $i") unless $r->{status} == 200;
}
my $reqs = check_keys('translator', 'authorization', qr/^Bearer (.*)$/,
                      qw(r s));
is($reqs->[7]{body}, $reqs->[1]{body}, 'same body on every request');
is(scalar(raw_values($reqs->[7], 'content-length')), 1,
   'one Content-Length');

# a 429 retried on the other key: a new line, not a second one

$t->mock_reset;
$t->mock_script([{ match => { key => $k{r} }, times => 1, status => 429,
                   headers => { 'retry-after' => '1' } }]);
my $r = $t->post_json('/v1/chat/completions', $chat,
                      headers => { Authorization => 'Bearer client-own-x' });
is($r->{status}, 200, 'translator: 429 retried') or diag($r->{body});
$reqs = check_keys('translator retry', 'authorization', qr/^Bearer (.*)$/,
                   qw(r s));
is(scalar @$reqs, 2, 'two attempts');
isnt($reqs->[0]{key}, $reqs->[1]{key}, 'another key on the retry');
is($reqs->[0]{body}, $reqs->[1]{body}, 'same body on both attempts');
$t->mock_script([]);
sleep 1;

# --- Anthropic pool, OpenAI client: x-api-key, translated body

$t->mock_reset;
for my $i (1 .. 6) {
    my $r = $t->post_json('/v1/chat/completions', $chat, port => $t->port(2),
        headers => { Authorization => "Bearer client-own-$i",
                     'x-api-key' => "client-own-$i" });
    is($r->{status}, 200, "anthropic request $i") unless $r->{status} == 200;
}
check_keys('anthropic', 'x-api-key', qr/^(.*)$/, qw(v w));
$t->mock_reset;
for my $i (1 .. 4) {
    my $r = $t->post_json('/v1/messages', $amsg, port => $t->port(2),
        headers => { 'x-api-key' => "client-own-$i" });
    is($r->{status}, 200, "anthropic client $i") unless $r->{status} == 200;
}
check_keys('anthropic client', 'x-api-key', qr/^(.*)$/, qw(v w));

# --- a location that sets the header itself: its value, every time

$t->mock_reset;
for my $i (1 .. 5) {
    $t->post_json('/override/v1/chat/completions', $chat,
                  headers => { Authorization => "Bearer client-own-$i" });
}
$reqs = $t->mock_requests;
is(scalar(grep { join('|', raw_values($_, 'authorization'))
                 eq 'Bearer location-own-value' } @$reqs), 5,
   "proxy_set_header Authorization: the location's value only");

$t->mock_reset;
for my $i (1 .. 5) {
    $t->post_json('/hidden/v1/chat/completions', $chat);
}
$reqs = $t->mock_requests;
is(scalar(grep { !raw_values($_, 'authorization') } @$reqs), 5,
   'proxy_set_header Authorization "": none sent');

$t->stop;
done_testing();
