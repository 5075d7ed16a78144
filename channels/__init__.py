"""Meeting protocol (rsi.v1), meeting model, hub and backends."""
