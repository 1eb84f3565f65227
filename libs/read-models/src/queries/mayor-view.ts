// What the burgemeester may see of escalations: a signal withheld from them (when the mayor is
// involved) counts only for the RIEC, so an escalation shows to the mayor only when one of its
// contributing signals is not withheld. A SQL condition over the escalations table aliased `e`.
export const SHOWN_TO_MAYOR = `EXISTS (
  SELECT 1 FROM jsonb_array_elements_text(e.contributing_signal_ids) AS c(signal_id)
  JOIN signal_versions v ON v.signal_id = c.signal_id::uuid AND v.superseded_at IS NULL
  WHERE NOT v.withheld_from_mayor)`;
