// The AWS SDK's middleware stack: five steps (initialize, serialize, build, finalizeRequest,
// deserialize), priorities within a step, and entries placed relative to a named entry.
const STEPS = ["initialize", "serialize", "build", "finalizeRequest", "deserialize"];
const PRIORITIES = { high: 0, normal: 1, low: 2 };

function checkStep(step) {
  if (!STEPS.includes(step)) throw new TypeError(`middleware step must be one of ${STEPS.join(", ")}, got ${step}`);
}

export class MiddlewareStack {
  static name = "MiddlewareStack";
  constructor() {
    Object.defineProperty(this, "_absolute", { value: [], writable: true });
    Object.defineProperty(this, "_relative", { value: [], writable: true });
  }

  _names() {
    const out = new Set();
    for (const e of [...this._absolute, ...this._relative]) {
      if (e.name) out.add(e.name);
      for (const a of e.aliases ?? []) out.add(a);
    }
    return out;
  }

  _removeByName(name) {
    const keep = (e) => e.name !== name && !(e.aliases ?? []).includes(name);
    const before = this._absolute.length + this._relative.length;
    this._absolute = this._absolute.filter(keep);
    this._relative = this._relative.filter(keep);
    return before !== this._absolute.length + this._relative.length;
  }

  _guard(options) {
    const name = options.name;
    if (name && this._names().has(name)) {
      if (!options.override) throw new Error(`Duplicate middleware name '${name}'`);
      this._removeByName(name);
    }
  }

  /** Adds middleware to a step (`initialize` by default) at a priority (`normal` by default). */
  add(middleware, options = {}) {
    const step = options.step ?? "initialize";
    checkStep(step);
    const priority = options.priority ?? "normal";
    if (!(priority in PRIORITIES)) throw new TypeError(`middleware priority must be high, normal or low, got ${priority}`);
    this._guard(options);
    this._absolute.push({ ...options, step, priority, middleware });
  }

  /** Adds middleware `before` or `after` the entry named `toMiddleware`. */
  addRelativeTo(middleware, options) {
    if (options?.relation !== "before" && options?.relation !== "after") throw new TypeError("relation must be before or after");
    if (!options.toMiddleware) throw new TypeError("toMiddleware is required");
    this._guard(options);
    this._relative.push({ ...options, middleware });
  }

  /** Removes by name or by the middleware function itself. */
  remove(toRemove) {
    if (typeof toRemove === "string") return this._removeByName(toRemove);
    const before = this._absolute.length + this._relative.length;
    this._absolute = this._absolute.filter((e) => e.middleware !== toRemove);
    this._relative = this._relative.filter((e) => e.middleware !== toRemove);
    return before !== this._absolute.length + this._relative.length;
  }

  /** Removes every entry carrying `tag`. */
  removeByTag(tag) {
    const keep = (e) => !(e.tags ?? []).includes(tag);
    const before = this._absolute.length + this._relative.length;
    this._absolute = this._absolute.filter(keep);
    this._relative = this._relative.filter(keep);
    return before !== this._absolute.length + this._relative.length;
  }

  /** A copy; changes to it leave this stack alone. */
  clone() {
    const s = new MiddlewareStack();
    s._absolute = this._absolute.map((e) => ({ ...e }));
    s._relative = this._relative.map((e) => ({ ...e }));
    return s;
  }

  /** A copy of this stack with `from`'s entries added. */
  concat(from) {
    const s = this.clone();
    for (const e of from._absolute) s.add(e.middleware, { ...e, override: e.override });
    for (const e of from._relative) s.addRelativeTo(e.middleware, { ...e, override: e.override });
    return s;
  }

  /** Applies a plugin (`{ applyToStack(stack) }`). */
  use(plugin) {
    plugin.applyToStack(this);
  }

  /** Every entry (absolute then relative), for the client's fast-path check. */
  _entries() {
    return [...this._absolute, ...this._relative];
  }

  /** Number of entries. */
  size() {
    return this._absolute.length + this._relative.length;
  }

  /** The entries in execution order, as `name - step` strings. */
  identify() {
    return this._ordered(true).map((e) => `${e.name || "anonymous"} - ${e.step ?? e.relation}`);
  }

  // `debug` (identify) skips relative entries whose target is not in this stack yet, as the SDK does.
  _ordered(debug = false) {
    const abs = [...this._absolute].sort(
      (a, b) => STEPS.indexOf(a.step) - STEPS.indexOf(b.step) || PRIORITIES[a.priority] - PRIORITIES[b.priority],
    );
    const out = abs.map((e) => ({ ...e }));
    let pending = [...this._relative];
    // Place relative entries until nothing more can be placed (targets may be relative themselves).
    for (let progress = true; pending.length && progress; ) {
      progress = false;
      const rest = [];
      for (const r of pending) {
        const i = out.findIndex((e) => e.name === r.toMiddleware || (e.aliases ?? []).includes(r.toMiddleware));
        if (i < 0) {
          rest.push(r);
          continue;
        }
        const target = out[i];
        const placed = { ...r, step: target.step };
        out.splice(r.relation === "before" ? i : i + 1, 0, placed);
        progress = true;
      }
      pending = rest;
    }
    if (pending.length && !debug) {
      throw new Error(`${pending[0].toMiddleware} is not found when adding ${pending[0].name || "anonymous"} middleware ${pending[0].relation} ${pending[0].toMiddleware}`);
    }
    return out;
  }

  /** Composes the stack around `handler`: initialize runs first, deserialize last before the handler. */
  resolve(handler, context) {
    let h = handler;
    const ordered = this._ordered();
    for (let i = ordered.length - 1; i >= 0; i--) h = ordered[i].middleware(h, context);
    return h;
  }
}
