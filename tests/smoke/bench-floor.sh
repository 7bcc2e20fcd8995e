# The benchmark's send floor: chatbench's window-1 fanout goes through
# tools/chatbench/relay with every message delivered to every member, and
# bench-peers' table puts chatd over the relay in its own column, apart
# from the peers.
. "${top_srcdir:-.}/tests/integration/lib.sh"
BENCH=${top_builddir:-.}/tools/chatbench/chatbench
RELAY=${top_builddir:-.}/tools/chatbench/relay

"$RELAY" 0 > "$TEST_DIR/relay.out" 2>&1 &
relay=$!
i=0
until grep -q "listening on" "$TEST_DIR/relay.out"; do
	i=$((i + 1))
	[ $i -gt 100 ] && { cat "$TEST_DIR/relay.out"; kill $relay; exit 1; }
	sleep 0.05
done
port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' \
    "$TEST_DIR/relay.out")
"$BENCH" --port "$port" --pid "$relay" --window 1 --timeout 30 \
    fanout 50 1 20 > "$TEST_DIR/bench.out" 2>&1
status=$?
kill $relay
wait $relay 2>/dev/null
cat "$TEST_DIR/bench.out"
[ $status -eq 0 ] || exit 1
# 49 members besides the sender, 20 messages each, none lost.
grep -q "^RESULT scenario=fanout n=50 s=1 m=20 w=1 .* deliveries=980 lost=0 " \
    "$TEST_DIR/bench.out" || exit 1

# The table: medians per server, chatd over the best peer (ngircd's 3000
# beats inspircd's 4000) and over the relay (the floor is no peer).
cat > "$TEST_DIR/results" <<'EOF'
chatd|fanout 500 1 200 w1|RESULT scenario=fanout p50_us=900 lost=0
chatd|fanout 500 1 200 w1|RESULT scenario=fanout p50_us=1500 lost=0
chatd|fanout 500 1 200 w1|RESULT scenario=fanout p50_us=1000 lost=0
ngircd|fanout 500 1 200 w1|RESULT scenario=fanout p50_us=3000 lost=0
inspircd|fanout 500 1 200 w1|RESULT scenario=fanout p50_us=4000 lost=0
relay|fanout 500 1 200 w1|RESULT scenario=fanout p50_us=1250 lost=0
chatd|pm 200 500|RESULT scenario=pm p50_us=100 lost=0
ngircd|pm 200 500|RESULT scenario=pm p50_us=400 lost=0
chatd-warn|pm 200 500|RESULT scenario=pm p50_us=80 lost=0
chatd-db|pm 200 500|RESULT scenario=pm p50_us=120 lost=0
chatd-tls|tls conns 2000|RESULT scenario=conns cpu_us_per_reg=300
inspircd-tls|tls conns 2000|RESULT scenario=conns cpu_us_per_reg=600
EOF
sh "${top_srcdir:-.}/tools/bench-peers" --table "$TEST_DIR/results" \
    > "$TEST_DIR/table" || exit 1
cat "$TEST_DIR/table"
grep -Eq "chatd/best chatd/relay chatd/warn +db/chatd$" "$TEST_DIR/table" || exit 1
grep -Eq "^fanout 500 1 200 w1 +p50_us +1000 +3000 +4000 +1250 +- +- +- +- +0.33 +0.80 +- +-$" \
    "$TEST_DIR/table" || exit 1
# chatd as it ships over chatd with its log at warn (the log's cost),
# and chatd with a db over chatd as it ships (the store's cost).
grep -Eq "^pm 200 500 +p50_us +100 +400 +- +- +80 +120 +- +- +0.25 +- +1.25 +1.20$" \
    "$TEST_DIR/table" || exit 1
# TLS rows: chatd over TLS over InspIRCd over TLS.
grep -Eq "^tls conns 2000 +cpu_us_per_reg +- +- +- +- +- +- +300 +600 +0.50 +- +- +-$" \
    "$TEST_DIR/table" || exit 1
