// The order the popup lists the review in: overdue items first (the user is the one holding things up),
// otherwise the agent's order.

/** The review items with the overdue ones first, each group in the agent's order. */
export function overdueFirst(items) {
  const list = Array.isArray(items) ? items.filter((i) => i && typeof i === "object") : [];
  return [...list.filter((i) => i.overdue === true), ...list.filter((i) => i.overdue !== true)];
}
