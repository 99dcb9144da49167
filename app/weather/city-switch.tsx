import { FIELD_CLASS } from '@/components/scenario/form-card';

/** Which city the cached section below renders: a plain GET form (`?city=`), so it works before any script runs. */
export function CitySwitch({ cities, current }: { cities: readonly { slug: string; name: string; country: string }[]; current: string }) {
  return (
    <form method="get" className="mt-10 flex flex-wrap items-end gap-3">
      <div className="flex flex-col gap-1">
        {/* Not wrapping the select: its options' names would become part of the label's. */}
        <label htmlFor="cached-section-place" className="text-sm font-semibold text-slate-800">
          Place shown in the cached section
        </label>
        <select id="cached-section-place" name="city" defaultValue={current} className={FIELD_CLASS}>
          {cities.map((city) => (
            <option key={city.slug} value={city.slug}>
              {city.name}, {city.country}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="rounded-lg px-4 py-2.5 text-base font-semibold text-violet-800 ring-1 ring-violet-300 hover:bg-violet-50">
        Show
      </button>
    </form>
  );
}
