import { describe, expect, it } from "vitest";
import { busyStretches, parsePerfScript } from "./perf-stacks";

const sample = (at: number, frames: string[]) => [`    ${at.toFixed(6)}: `, ...frames.map((f) => `\t 3a0 ${f} (/bin/workerd)`)].join("\n");
const epilogue = (at: number) =>
  sample(at, ["tcmalloc::Free", "workerd::api::Headers::~Headers", "workerd::api::Request::~Request", "v8::internal::Heap::CallGCEpilogueCallbacks", "v8::internal::Heap::CollectGarbage", "main"]);
const request = (at: number) => sample(at, ["kj::HttpServer::Connection::loop", "main"]);

describe("parsePerfScript", () => {
  it("reads each sample's time, whether it was in GC or its epilogue, and the object freed there", () => {
    const [a, b] = parsePerfScript([epilogue(10.5), request(10.6)].join("\n\n"));
    expect(a).toEqual({ at: 10.5, gc: true, epilogue: true, freed: "workerd::api::Request" });
    expect(b).toEqual({ at: 10.6, gc: false, epilogue: false, freed: null });
  });
});

describe("busyStretches", () => {
  it("finds the stretch in which the thread was busy without a break, and only that one", () => {
    const quiet = Array.from({ length: 20 }, (_, i) => request(1 + i * 0.01));
    const busy = Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? request(2 + i * 0.00025) : epilogue(2 + i * 0.00025)));
    const stretches = busyStretches(parsePerfScript([...quiet, ...busy].join("\n\n")), { windowSeconds: 0.04, minSamples: 120 });
    expect(stretches).toHaveLength(1);
    expect(stretches[0].samples).toBe(200);
    expect(stretches[0].epilogue).toBe(150);
    expect(stretches[0].freed).toEqual([["workerd::api::Request", 150]]);
    expect(stretches[0].ms).toBeCloseTo(49.75, 1);
  });
});
