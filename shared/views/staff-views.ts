import type { StaffProfile } from '../domain/roster.js';
import { inChinaTime } from './china-time-view.js';

/** A roster entry as staff screens show it (apart from the case views, so the roster routes do not bundle them). */
export function toStaffView(staff: StaffProfile) {
  return {
    staffId: staff.staffId,
    displayName: staff.displayName,
    role: staff.role,
    unionCode: staff.unionCode,
    categories: staff.categories,
    capacity: staff.capacity,
    activeCases: staff.activeCases,
    dutyWeekdays: staff.dutyWeekdays,
    dutyDates: staff.dutyDates,
    conflicts: staff.conflicts,
    active: staff.active,
    updatedAt: inChinaTime(staff.updatedAt),
  };
}
