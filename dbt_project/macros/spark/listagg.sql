{#- dbt's listagg on Spark, in the order asked for. dbt-spark's own ignores `order by` (a
    warning, then collect_list's order, which is whatever order the rows came in): the
    fingerprints built from a list (the scheme's, the directory's, a call's attribution)
    would differ from run to run, and the lists shown (dispute ids, changed KPIs,
    adjustment reasons) would come in any order. Each value travels with its sort keys in
    a struct; the array of structs is sorted (by the keys in the order given, ascending),
    then the values are joined. -#}
{% macro spark__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
    {%- if order_by_clause -%}
        {%- set keys = modules.re.sub('(?i)^\\s*order\\s+by\\s+', '', order_by_clause).split(',') -%}
        {%- set fields = [] -%}
        {%- for key in keys -%}
            {%- do fields.append(key | trim ~ ' as sort_key_' ~ loop.index) -%}
        {%- endfor -%}
        {%- set collected -%}
            transform(array_sort(collect_list(struct({{ fields | join(', ') }}, {{ measure }} as listed))), entry -> entry.listed)
        {%- endset -%}
    {%- else -%}
        {%- set collected = 'collect_list(' ~ measure ~ ')' -%}
    {%- endif -%}
    {%- if limit_num -%}
        {%- set collected = 'slice(' ~ collected ~ ', 1, ' ~ limit_num ~ ')' -%}
    {%- endif -%}
    array_join({{ collected }}, {{ delimiter_text }})
{%- endmacro %}
