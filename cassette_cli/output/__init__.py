"""How results are written: rich renderables (render), JSON (json_out)."""
