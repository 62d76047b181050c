// Types of the volume helpers (listAll, and later import and job waiting), type-checked with the
// consumer under every resolution mode. Lines marked `@ts-expect-error` must stay errors.

import {
  type Campaign,
  type InstantlyClient,
  type Lead,
  type LeadList,
  type ListAllOptions,
} from "instantly-wasm";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

export type VolumeChecks = [
  Expect<Equal<ReturnType<InstantlyClient["campaigns"]["listAll"]>, AsyncIterableIterator<Campaign>>>,
  Expect<Equal<ReturnType<InstantlyClient["leads"]["listAll"]>, AsyncIterableIterator<Lead>>>,
  Expect<Equal<ReturnType<InstantlyClient["leadLists"]["listAll"]>, AsyncIterableIterator<LeadList>>>,
];

export async function walk(client: InstantlyClient): Promise<number> {
  const options: ListAllOptions = { maxItems: 500 };
  let n = 0;
  for await (const lead of client.leads.listAll({ campaign: "0199a1b2-0000-7000-8000-000000000001", limit: 100 }, options)) {
    const email: string | null | undefined = lead.email;
    if (email) n++;
  }
  for await (const c of client.campaigns.listAll()) {
    const id: string = c.id;
    if (id) n++;
  }
  // @ts-expect-error maxItems is a number
  client.campaigns.listAll({}, { maxItems: "5" });
  // @ts-expect-error unknown option
  client.campaigns.listAll({}, { max: 5 });
  return n;
}
