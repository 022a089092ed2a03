{#- Text expressions joined into one (dbt.concat), null when any of them is null: what a
    key is hashed from. DuckDB joins a long `a || b || ...` chain one pair at a time, each
    pair a new string: the record key of a call record (13 fields, 25 parts) took 6.6 s of
    the CDR staging model's full build at 10 M records, 3.1 s as one `concat` call (bench/
    README.md, "Speed"). DuckDB's concat reads a null as empty text, so the result is made
    null where the chain's would be. -#}
{% macro joined_text(parts) -%}
    {{ return(adapter.dispatch('joined_text', 'autokpi')(parts)) }}
{%- endmacro %}

{% macro default__joined_text(parts) -%}
    {{ dbt.concat(parts) }}
{%- endmacro %}

{% macro duckdb__joined_text(parts) -%}
    case
        when {% for part in parts %}({{ part }}) is not null{% if not loop.last %} and {% endif %}{% endfor %}
            then concat({{ parts | join(', ') }})
    end
{%- endmacro %}
