import type { WeatherValue } from '@/lib/contracts/weather';

type Condition = WeatherValue['days'][number]['condition'];

/** Colour-coded words rather than emoji, which not every browser has a font for. */
const CONDITIONS: Record<Condition, { label: string; style: string }> = {
  sunny: { label: 'Sunny', style: 'bg-amber-100 text-amber-900' },
  'partly-cloudy': { label: 'Partly cloudy', style: 'bg-sky-50 text-sky-900' },
  cloudy: { label: 'Cloudy', style: 'bg-slate-100 text-slate-700' },
  rain: { label: 'Rain', style: 'bg-blue-100 text-blue-900' },
  snow: { label: 'Snow', style: 'bg-cyan-50 text-cyan-900 ring-1 ring-inset ring-cyan-200' },
  storm: { label: 'Storm', style: 'bg-violet-100 text-violet-900' },
};

const dayName = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });

/** Seven days, each with its unit: temperatures in °C, precipitation in mm, wind in km/h. Past days are flagged. */
export function ForecastDays({ days, today }: { days: WeatherValue['days']; today: string }) {
  return (
    <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200" aria-label="7-day forecast">
      {days.map((day) => {
        const past = day.date < today;
        const { label, style } = CONDITIONS[day.condition];
        return (
          <li
            key={day.date}
            data-testid="forecast-day"
            data-past={past || undefined}
            className={`grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-0.5 px-3 py-2 text-sm sm:grid-cols-[9.5rem_minmax(0,1fr)_auto] ${past ? 'bg-amber-50' : ''}`}
          >
            <span className="whitespace-nowrap font-medium text-slate-900">
              {dayName.format(new Date(`${day.date}T00:00:00Z`))}
              {day.date === today && <span className="ml-1.5 text-sm font-semibold text-indigo-700">today</span>}
              {past && <span className="ml-1.5 text-sm font-semibold text-amber-800">past</span>}
            </span>
            <span className="order-3 col-span-2 flex min-w-0 items-center gap-1.5 text-slate-700 sm:order-none sm:col-span-1">
              <span className={`truncate rounded px-1.5 py-0.5 text-sm font-medium ${style}`}>{label}</span>
              <span className="ml-auto whitespace-nowrap text-sm tabular-nums text-slate-600 sm:ml-2">
                {day.precipitationMm} mm · {day.windKph} km/h
              </span>
            </span>
            <span className="whitespace-nowrap text-right tabular-nums">
              <span className="text-slate-600">{day.tempMinC.toFixed(1)}</span>
              <span className="text-slate-600"> / </span>
              <span className="font-semibold text-slate-900">{day.tempMaxC.toFixed(1)} °C</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
